/* ssa-pq.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libpq, PostgreSQL's client library, opened the first time a team database is used rather
 * than linked: most users never use one, and linked, libpq brought OpenSSL, Kerberos, LDAP
 * and SASL into every process at start-up (docs/window.md, "Start-up"). The files that call
 * libpq include this header instead of <libpq-fe.h>; its PQ names then call through the
 * table ssa_pq_load() fills, so that a call before the library is loaded is a crash at
 * once, not a link error hidden until a team database is used. Call ssa_pq_load() at each
 * way in to libpq that does not start from an open connection.
 */

#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* Every libpq function SSA Desk calls. A call to one not listed here fails to link. */
#define SSA_PQ_FUNCTIONS(F) \
  F (PQclear) \
  F (PQcmdTuples) \
  F (PQconnectdbParams) \
  F (PQconnectionNeedsPassword) \
  F (PQconninfoFree) \
  F (PQconninfoParse) \
  F (PQconsumeInput) \
  F (PQdescribePrepared) \
  F (PQenterPipelineMode) \
  F (PQerrorMessage) \
  F (PQexec) \
  F (PQexecPrepared) \
  F (PQexitPipelineMode) \
  F (PQfinish) \
  F (PQfreemem) \
  F (PQftype) \
  F (PQgetisnull) \
  F (PQgetlength) \
  F (PQgetResult) \
  F (PQgetvalue) \
  F (PQnfields) \
  F (PQnotifies) \
  F (PQntuples) \
  F (PQpipelineSync) \
  F (PQprepare) \
  F (PQresultErrorField) \
  F (PQresultStatus) \
  F (PQsendQueryParams) \
  F (PQsendQueryPrepared) \
  F (PQserverVersion) \
  F (PQsetClientEncoding) \
  F (PQsocket) \
  F (PQstatus) \
  F (PQtransactionStatus) \
  F (PQunescapeBytea)

typedef struct
{
#define SSA_PQ_MEMBER(name) __typeof__ (name) *name;
  SSA_PQ_FUNCTIONS (SSA_PQ_MEMBER)
#undef SSA_PQ_MEMBER
} SsaPqFunctions;

/* Its functions are NULL until libpq is loaded; read it through the names below. */
extern const SsaPqFunctions *ssa_pq_functions;

gboolean ssa_pq_load (GError **error);

/* ssa-pq.c, which fills the table, names the functions themselves. */
#ifndef SSA_PQ_LOADER
#define PQclear                   (ssa_pq_functions->PQclear)
#define PQcmdTuples               (ssa_pq_functions->PQcmdTuples)
#define PQconnectdbParams         (ssa_pq_functions->PQconnectdbParams)
#define PQconnectionNeedsPassword (ssa_pq_functions->PQconnectionNeedsPassword)
#define PQconninfoFree            (ssa_pq_functions->PQconninfoFree)
#define PQconninfoParse           (ssa_pq_functions->PQconninfoParse)
#define PQconsumeInput            (ssa_pq_functions->PQconsumeInput)
#define PQdescribePrepared        (ssa_pq_functions->PQdescribePrepared)
#define PQenterPipelineMode       (ssa_pq_functions->PQenterPipelineMode)
#define PQerrorMessage            (ssa_pq_functions->PQerrorMessage)
#define PQexec                    (ssa_pq_functions->PQexec)
#define PQexecPrepared            (ssa_pq_functions->PQexecPrepared)
#define PQexitPipelineMode        (ssa_pq_functions->PQexitPipelineMode)
#define PQfinish                  (ssa_pq_functions->PQfinish)
#define PQfreemem                 (ssa_pq_functions->PQfreemem)
#define PQftype                   (ssa_pq_functions->PQftype)
#define PQgetisnull               (ssa_pq_functions->PQgetisnull)
#define PQgetlength               (ssa_pq_functions->PQgetlength)
#define PQgetResult               (ssa_pq_functions->PQgetResult)
#define PQgetvalue                (ssa_pq_functions->PQgetvalue)
#define PQnfields                 (ssa_pq_functions->PQnfields)
#define PQnotifies                (ssa_pq_functions->PQnotifies)
#define PQntuples                 (ssa_pq_functions->PQntuples)
#define PQpipelineSync            (ssa_pq_functions->PQpipelineSync)
#define PQprepare                 (ssa_pq_functions->PQprepare)
#define PQresultErrorField        (ssa_pq_functions->PQresultErrorField)
#define PQresultStatus            (ssa_pq_functions->PQresultStatus)
#define PQsendQueryParams         (ssa_pq_functions->PQsendQueryParams)
#define PQsendQueryPrepared       (ssa_pq_functions->PQsendQueryPrepared)
#define PQserverVersion           (ssa_pq_functions->PQserverVersion)
#define PQsetClientEncoding       (ssa_pq_functions->PQsetClientEncoding)
#define PQsocket                  (ssa_pq_functions->PQsocket)
#define PQstatus                  (ssa_pq_functions->PQstatus)
#define PQtransactionStatus       (ssa_pq_functions->PQtransactionStatus)
#define PQunescapeBytea           (ssa_pq_functions->PQunescapeBytea)
#endif

G_END_DECLS
