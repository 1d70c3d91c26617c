/* test-fetch-certs.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* Certificates for the HTTPS tests of the fetcher, made once with OpenSSL 3 (P-256 keys),
 * each with its key after it where a server uses it:
 *
 * - test_ca_pem: a test certificate authority;
 * - test_good_pem: a server certificate for IP 127.0.0.1 and DNS localhost, from the test CA;
 * - test_expired_pem: the same names, valid in 2020 only;
 * - test_otherhost_pem: from the test CA, for DNS other.example only;
 * - test_self_signed_pem: self-signed, for IP 127.0.0.1.
 *
 * All but the expired one are valid from 2020 to 2125. They were made with `openssl ca
 * -selfsign` (for the CA and the self-signed one) and `openssl ca -startdate … -enddate …`
 * with subjectAltName extensions. They protect nothing: the keys are public. */

static const char test_ca_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBazCCARCgAwIBAgICEAAwCgYIKoZIzj0EAwIwGzEZMBcGA1UEAwwQU1NBIERl\n"
  "c2sgdGVzdCBDQTAgFw0yMDAxMDEwMDAwMDBaGA8yMTI1MDEwMTAwMDAwMFowGzEZ\n"
  "MBcGA1UEAwwQU1NBIERlc2sgdGVzdCBDQTBZMBMGByqGSM49AgEGCCqGSM49AwEH\n"
  "A0IABG59ebcS32g0MciDe+WRpwI8o58MM04t74cOQs7Yn6ZSHm1uMmKzOo+6QBxH\n"
  "EXdadJklV63kiLBzNgph96uAAHyjQjBAMA8GA1UdEwEB/wQFMAMBAf8wDgYDVR0P\n"
  "AQH/BAQDAgEGMB0GA1UdDgQWBBTDkwPBeBir0k0/jnKyl5tcu94WkzAKBggqhkjO\n"
  "PQQDAgNJADBGAiEAjiT1au2Ps/Z4xV9DFCpSvX8XZRbAYv9EfOOeA++T40kCIQCI\n"
  "d6akNV0ndh5UGXGJ269MoNP8lo0+tONXWOUVP7f7SQ==\n"
  "-----END CERTIFICATE-----\n";

static const char test_good_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBrDCCAVKgAwIBAgICEAEwCgYIKoZIzj0EAwIwGzEZMBcGA1UEAwwQU1NBIERl\n"
  "c2sgdGVzdCBDQTAgFw0yMDAxMDEwMDAwMDBaGA8yMTI1MDEwMTAwMDAwMFowDzEN\n"
  "MAsGA1UEAwwEZ29vZDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABEuc2Nr53anj\n"
  "kDV2mk79sCLqkzpu8qQB5tXycz265uYp7cmDtroLC8JmJgFpCc6E+iXZMhpjM3dq\n"
  "6fNXZR0LiWWjgY8wgYwwCQYDVR0TBAIwADAOBgNVHQ8BAf8EBAMCB4AwEwYDVR0l\n"
  "BAwwCgYIKwYBBQUHAwEwGgYDVR0RBBMwEYcEfwAAAYIJbG9jYWxob3N0MB0GA1Ud\n"
  "DgQWBBTKhHk/fGu8+lmDKMpJY+kCT77ptTAfBgNVHSMEGDAWgBTDkwPBeBir0k0/\n"
  "jnKyl5tcu94WkzAKBggqhkjOPQQDAgNIADBFAiBqf3uJFdVhg6XLSzvJGbrZ7riH\n"
  "bHknUZcXxsbPGca+9QIhAOPOvYE4A1jnfMky3taCGWqIgBhAFVTgiBACyDoczISW\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgcKTVEQLU/bRyS4ft\n"
  "t3icXLEY6yHFpYp3hKchB3TliOqhRANCAARLnNja+d2p45A1dppO/bAi6pM6bvKk\n"
  "AebV8nM9uubmKe3Jg7a6CwvCZiYBaQnOhPol2TIaYzN3aunzV2UdC4ll\n"
  "-----END PRIVATE KEY-----\n";

static const char test_expired_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBrTCCAVOgAwIBAgICEAIwCgYIKoZIzj0EAwIwGzEZMBcGA1UEAwwQU1NBIERl\n"
  "c2sgdGVzdCBDQTAeFw0yMDAxMDEwMDAwMDBaFw0yMTAxMDEwMDAwMDBaMBIxEDAO\n"
  "BgNVBAMMB2V4cGlyZWQwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQlj5nG7ODF\n"
  "8UV7jkPJEvRsI34zlfopf/zNzLkNxrc35Tyq2VOa1GOYp7FkrRSbVZGwQVD4A+fb\n"
  "Zn9ElWJdeb5io4GPMIGMMAkGA1UdEwQCMAAwDgYDVR0PAQH/BAQDAgeAMBMGA1Ud\n"
  "JQQMMAoGCCsGAQUFBwMBMBoGA1UdEQQTMBGHBH8AAAGCCWxvY2FsaG9zdDAdBgNV\n"
  "HQ4EFgQUItZ2EGYHonLDCJYvOE2xlRq7pOQwHwYDVR0jBBgwFoAUw5MDwXgYq9JN\n"
  "P45yspebXLveFpMwCgYIKoZIzj0EAwIDSAAwRQIgbExF5rvymf5ttNqkHZAVXhXM\n"
  "kVR9Nf9Dai52aRMLOcwCIQCjdTr7zOWpMCtphCc3p6IifUfAXynC2mDz1c5q/BoC\n"
  "FQ==\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg037MWQ5wY3zs4Noq\n"
  "iKzH4CkDlV+DoXfpWQ45xVkybVuhRANCAAQlj5nG7ODF8UV7jkPJEvRsI34zlfop\n"
  "f/zNzLkNxrc35Tyq2VOa1GOYp7FkrRSbVZGwQVD4A+fbZn9ElWJdeb5i\n"
  "-----END PRIVATE KEY-----\n";

static const char test_otherhost_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBrjCCAVWgAwIBAgICEAMwCgYIKoZIzj0EAwIwGzEZMBcGA1UEAwwQU1NBIERl\n"
  "c2sgdGVzdCBDQTAgFw0yMDAxMDEwMDAwMDBaGA8yMTI1MDEwMTAwMDAwMFowFDES\n"
  "MBAGA1UEAwwJb3RoZXJob3N0MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAElF+0\n"
  "BQdBoqyrnceH64ZFsR1EJwM50H+PYmkjDIM9WDSzBanizmvRN+YOeXl1GtaIRTCC\n"
  "+TElQeGrsZgZ/8C3QaOBjTCBijAJBgNVHRMEAjAAMA4GA1UdDwEB/wQEAwIHgDAT\n"
  "BgNVHSUEDDAKBggrBgEFBQcDATAYBgNVHREEETAPgg1vdGhlci5leGFtcGxlMB0G\n"
  "A1UdDgQWBBR5ia1mp9xsaAPE05n3rsmLYz9JaTAfBgNVHSMEGDAWgBTDkwPBeBir\n"
  "0k0/jnKyl5tcu94WkzAKBggqhkjOPQQDAgNHADBEAiBTfSLdSpe0GlCkjDL7bhxx\n"
  "unIIC1znLpVooUotjUwLggIgI43OrjtITUNl9gjM0qvROKT1k3XKnU0V0/L9+8to\n"
  "hZ8=\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg0aekglgqsrg0qHYP\n"
  "u7AHwrXUs5k2sBzE+EfMh/90e4qhRANCAASUX7QFB0GirKudx4frhkWxHUQnAznQ\n"
  "f49iaSMMgz1YNLMFqeLOa9E35g55eXUa1ohFMIL5MSVB4auxmBn/wLdB\n"
  "-----END PRIVATE KEY-----\n";

static const char test_self_signed_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBezCCASKgAwIBAgICEAQwCgYIKoZIzj0EAwIwFDESMBAGA1UEAwwJMTI3LjAu\n"
  "MC4xMCAXDTIwMDEwMTAwMDAwMFoYDzIxMjUwMTAxMDAwMDAwWjAUMRIwEAYDVQQD\n"
  "DAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATJexn2jtIHWikY\n"
  "ZHEQUV2Hh1n1COGDu1Gd77bK9nvkn/nExo4HchsMUsSn+DritxmSCwh3rw1YgLdS\n"
  "/UqubWWso2IwYDAJBgNVHRMEAjAAMA4GA1UdDwEB/wQEAwIChDATBgNVHSUEDDAK\n"
  "BggrBgEFBQcDATAPBgNVHREECDAGhwR/AAABMB0GA1UdDgQWBBS+nwmWxu/hyAe1\n"
  "btYDDu/EYuP6YjAKBggqhkjOPQQDAgNHADBEAiBYMN+cgnBP7akNwXhXIw+VgTpo\n"
  "wcH9p80/d1q7Yr1zQAIgO7/5z/jNC7ZrCbQzg6xcEoufYENG4kiQaobP4oXKRFc=\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgse7mcYfMegPjZlQx\n"
  "Z3gpviTKj8ZYmqkh/WvghFfJ1MmhRANCAATJexn2jtIHWikYZHEQUV2Hh1n1COGD\n"
  "u1Gd77bK9nvkn/nExo4HchsMUsSn+DritxmSCwh3rw1YgLdS/UqubWWs\n"
  "-----END PRIVATE KEY-----\n";
