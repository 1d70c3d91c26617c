/* ssa-customer-view.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-customer-view.h"
#include "ssa-gui-util.h"
#include "ssa-org-no.h"

/* A customer picked in the sidebar: its details, and buttons for the window's actions on
 * it ("win.edit-customer", "win.delete-customer", "win.new-installation"). Built the first
 * time a customer is shown. */

struct _SsaCustomerView
{
  AdwBin               parent_instance;

  SsaCustomer         *customer;

  AdwPreferencesGroup *group;
  AdwActionRow        *org_no_row;
  AdwActionRow        *vat_row;
  AdwActionRow        *address_row;
  AdwActionRow        *contact_row;
  AdwActionRow        *email_row;
};

G_DEFINE_FINAL_TYPE (SsaCustomerView, ssa_customer_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CUSTOMER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_row_subtitle (AdwActionRow *row,
                  const char   *text)
{
  adw_action_row_set_subtitle (row, text != NULL && *text != '\0' ? text : "—");
}

static void
update (SsaCustomerView *self)
{
  SsaCustomer *customer = self->customer;
  g_autofree char *formatted = NULL;
  const char *org_no;

  if (customer == NULL)
    return;

  adw_preferences_group_set_title (self->group, ssa_customer_get_name (customer));
  org_no = ssa_customer_get_org_no (customer);
  if (org_no != NULL && ssa_org_no_is_valid (org_no))
    formatted = ssa_org_no_format (org_no, FALSE);
  set_row_subtitle (self->org_no_row, formatted != NULL ? formatted : org_no);
  switch (ssa_customer_get_vat_status (customer))
    {
    case SSA_VAT_REGISTERED:
      set_row_subtitle (self->vat_row, _("Registered for VAT"));
      break;
    case SSA_VAT_NOT_REGISTERED:
      set_row_subtitle (self->vat_row, _("Not registered for VAT"));
      break;
    case SSA_VAT_UNKNOWN:
    default:
      set_row_subtitle (self->vat_row, _("Not known"));
      break;
    }
  set_row_subtitle (self->address_row, ssa_customer_get_address (customer));
  set_row_subtitle (self->contact_row, ssa_customer_get_contact (customer));
  set_row_subtitle (self->email_row, ssa_customer_get_email (customer));
}

static void
customer_notify_cb (SsaCustomerView *self,
                    GParamSpec      *pspec,
                    SsaCustomer     *customer)
{
  update (self);
}

static void
ssa_customer_view_dispose (GObject *object)
{
  SsaCustomerView *self = (SsaCustomerView *)object;

  if (self->customer != NULL)
    g_signal_handlers_disconnect_by_data (self->customer, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SSA_TYPE_CUSTOMER_VIEW);
  g_clear_object (&self->customer);

  G_OBJECT_CLASS (ssa_customer_view_parent_class)->dispose (object);
}

static void
ssa_customer_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SsaCustomerView *self = SSA_CUSTOMER_VIEW (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_customer_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SsaCustomerView *self = SSA_CUSTOMER_VIEW (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER:
      ssa_customer_view_set_customer (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_customer_view_class_init (SsaCustomerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ssa_customer_view_dispose;
  object_class->get_property = ssa_customer_view_get_property;
  object_class->set_property = ssa_customer_view_set_property;

  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL,
                         SSA_TYPE_CUSTOMER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ssadesk/SsaDesk/ssa-customer-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerView, group);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerView, org_no_row);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerView, vat_row);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerView, address_row);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerView, contact_row);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerView, email_row);
}

static void
ssa_customer_view_init (SsaCustomerView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ssa_gui_fix_mnemonic_names (GTK_WIDGET (self));
}

GtkWidget *
ssa_customer_view_new (void)
{
  return g_object_new (SSA_TYPE_CUSTOMER_VIEW, NULL);
}

/* Returns: (transfer none) (nullable): the customer shown */
SsaCustomer *
ssa_customer_view_get_customer (SsaCustomerView *self)
{
  g_return_val_if_fail (SSA_IS_CUSTOMER_VIEW (self), NULL);

  return self->customer;
}

void
ssa_customer_view_set_customer (SsaCustomerView *self,
                                SsaCustomer     *customer)
{
  g_return_if_fail (SSA_IS_CUSTOMER_VIEW (self));
  g_return_if_fail (customer == NULL || SSA_IS_CUSTOMER (customer));

  if (self->customer == customer)
    return;

  if (self->customer != NULL)
    g_signal_handlers_disconnect_by_data (self->customer, self);
  g_set_object (&self->customer, customer);
  if (customer != NULL)
    g_signal_connect_object (customer, "notify", G_CALLBACK (customer_notify_cb), self,
                             G_CONNECT_SWAPPED);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
}
