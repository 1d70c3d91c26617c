/* ssa-installation-view.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-db-inventory.h"
#include "ssa-db-job.h"
#include "ssa-db-licences.h"
#include "ssa-db-price-lists.h"
#include "ssa-db.h"
#include "ssa-installation-view.h"
#include "ssa-date.h"
#include "ssa-licence-import.h"
#include "ssa-licence-import-dialog.h"
#include "ssa-licence-types-dialog.h"
#include "ssa-page-common.h"
#include "ssa-pbx-dialog.h"

/* One installation: a header with its name and details, its licence lines (SsaInventoryView)
 * and the offer builder beside them in an AdwFlap, which folds the builder away on narrow
 * windows. The window builds it the first time an installation is shown, not at start-up. */

struct _SsaInstallationView
{
  AdwBin            parent_instance;

  SsaInstallation  *installation;
  SsaRepository    *watched;    /* the repository whose changes update the usage line */

  GtkLabel         *title_label;
  GtkLabel         *subtitle_label;
  GtkLabel         *usage_label;
  GCancellable     *pbx_cancellable;
  GCancellable     *usage_cancellable;  /* the usage line's read in a worker, or NULL */
  AdwFlap          *flap;
  SsaInventoryView *inventory_view;
  SsaOfferBuilder  *offer_builder;
};

G_DEFINE_FINAL_TYPE (SsaInstallationView, ssa_installation_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_INSTALLATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_header (SsaInstallationView *self)
{
  SsaInstallation *installation = self->installation;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  const GDate *expiry;
  const char *text;

  if (installation == NULL)
    return;

  text = ssa_installation_get_name (installation);
  gtk_label_set_label (self->title_label, text != NULL ? text : _("Unnamed installation"));

  if ((text = ssa_installation_get_customer_name (installation)) != NULL)
    g_ptr_array_add (parts, g_strdup (text));
  if ((text = ssa_installation_get_serial (installation)) != NULL)
    g_ptr_array_add (parts, g_strdup (text));
  if ((text = ssa_installation_get_firmware (installation)) != NULL)
    /* Translators: the installation's firmware version in its header, "firmware 14r2 sr3". */
    g_ptr_array_add (parts, g_strdup_printf (_("firmware %s"), text));
  g_ptr_array_add (parts,
                   g_strdup (ssa_deployment_get_label (ssa_installation_get_deployment (installation))));
  expiry = ssa_installation_get_ssa_expiry (installation);
  if (expiry != NULL)
    {
      g_autofree char *date = ssa_page_format_date (expiry);

      /* Translators: the last day the installation's SSA is paid for. */
      g_ptr_array_add (parts, g_strdup_printf (_("SSA until %s"), date));
    }
  else
    g_ptr_array_add (parts, g_strdup (_("no SSA")));
  g_ptr_array_add (parts, NULL);

  subtitle = g_strjoinv (" · ", (char **) parts->pdata);
  gtk_label_set_label (self->subtitle_label, subtitle);
}

/* In a worker: the usage line's text for the installation whose id is @data, or NULL
 * when there is no reading to show. */
static gpointer
usage_work (SsaDb         *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  gint64 id = *(gint64 *) data;
  g_autoptr(SsaPbxReading) reading = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaPriceList) price_list = NULL;
  g_autoptr(GHashTable) user_map = NULL;
  g_autoptr(GArray) usage = NULL;
  g_autofree char *read_at = NULL;
  g_autofree char *usage_text = NULL;
  GString *text;

  reading = ssa_db_load_pbx_reading (db, id, &read_at, NULL);
  if (reading == NULL)
    return NULL;
  inventory = ssa_db_load_inventory (db, id, NULL, NULL);
  price_list = ssa_db_load_current_price_list (db, NULL, NULL);
  user_map = ssa_db_load_licence_type_map (db, NULL);
  if (inventory == NULL || price_list == NULL)
    return NULL;

  usage = ssa_licence_usage_compute (reading, inventory, price_list, user_map);
  usage_text = ssa_licence_usage_to_text (usage);
  text = g_string_new (NULL);
  /* Translators: the PBX's last reading in the installation's header; %s is its time. */
  g_string_append_printf (text, _("PBX read %s: "), read_at != NULL ? read_at : "");
  g_string_append (text, usage_text);
  if (reading->rental_seconds > 0)
    g_string_append_printf (text, _(" · Rental: %lld days left, SSA included in the rent"),
                            (long long) (reading->rental_seconds / 86400));
  return g_string_free (text, FALSE);
}

static void
usage_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SsaInstallationView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = ssa_db_job_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->usage_cancellable);
  if (error != NULL)
    g_debug ("No usage line: %s", error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->usage_label), text != NULL);
  if (text != NULL)
    gtk_label_set_label (self->usage_label, text);
}

/* Used against owned, from the installation's last PBX reading: shown only when there is
 * one. Rental time left is said too: such an installation is never offered an SSA. Read in
 * a worker; the line shown stays until the new one is in, unless @hide (another
 * installation). */
static void
read_usage (SsaInstallationView *self,
            gboolean             hide)
{
  SsaRepository *repository = ssa_inventory_view_get_repository (self->inventory_view);
  gint64 *id;

  if (self->usage_cancellable != NULL)
    {
      g_cancellable_cancel (self->usage_cancellable);
      g_clear_object (&self->usage_cancellable);
    }
  if (hide || self->installation == NULL || repository == NULL ||
      ssa_repository_get_db (repository) == NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->usage_label), FALSE);
  if (self->installation == NULL || repository == NULL ||
      ssa_repository_get_db (repository) == NULL)
    return;

  id = g_new (gint64, 1);
  *id = ssa_installation_get_id (self->installation);
  self->usage_cancellable = g_cancellable_new ();
  ssa_db_job_run_async (ssa_repository_get_path (repository), usage_work, id, g_free, g_free,
                        self->usage_cancellable, usage_done_cb, g_object_ref (self));
}

static void
update_usage (SsaInstallationView *self)
{
  read_usage (self, FALSE);
}

/* A licence line of the installation shown was edited (its quantity is what is owned). */
static void
stored_cb (SsaInstallationView *self,
           GObject             *object,
           GObject             *before,
           GObject             *after,
           SsaRepository       *repository)
{
  if (SSA_IS_LICENCE (object) || object == G_OBJECT (self->installation))
    update_usage (self);
}

/* A licence import or a PBX reading was stored and the installation read again. */
static void
refreshed_cb (SsaInstallationView *self,
              SsaInstallation     *installation,
              SsaRepository       *repository)
{
  if (installation == self->installation)
    update_usage (self);
}

/* Lines added or removed (an undo, "Add licence", an import). */
static void
licences_changed_cb (SsaInstallationView *self,
                     guint                position,
                     guint                removed,
                     guint                added,
                     GListModel          *licences)
{
  update_usage (self);
}

/* Follows the repository the licence lines are stored through, so that the used-against-owned
 * line changes as soon as a reading, an import or an edit is stored, not on the next
 * selection. */
static void
watch_repository (SsaInstallationView *self)
{
  SsaRepository *repository = ssa_inventory_view_get_repository (self->inventory_view);

  if (self->watched == repository)
    return;
  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_data (self->watched, self);
  g_set_object (&self->watched, repository);
  if (repository != NULL)
    {
      g_signal_connect_object (repository, "refreshed", G_CALLBACK (refreshed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (repository, "stored", G_CALLBACK (stored_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
installation_notify_cb (SsaInstallationView *self,
                        GParamSpec          *pspec,
                        SsaInstallation     *installation)
{
  update_header (self);
}

/**
 * ssa_installation_view_import_licence_file:
 * @self: the view
 * @file: a device's licence file
 *
 * Reads @file (in a worker) and shows the preview of its import into the installation
 * shown (what "Import Licence File…" and dropping a file on the licences do).
 */
void
ssa_installation_view_import_licence_file (SsaInstallationView *self,
                                           GFile               *file)
{
  SsaRepository *repository;

  g_return_if_fail (SSA_IS_INSTALLATION_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  repository = ssa_inventory_view_get_repository (self->inventory_view);
  if (self->installation == NULL || repository == NULL)
    return;
  ssa_licence_import_dialog_present (GTK_WIDGET (self), repository, self->installation,
                                            file);
}

static void
licence_file_chosen_cb (GtkNativeDialog     *chooser,
                        int                  response,
                        SsaInstallationView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        ssa_installation_view_import_licence_file (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
import_licences_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SsaInstallationView *self = SSA_INSTALLATION_VIEW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Licence File"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Licence files (XML)"));
  gtk_file_filter_add_mime_type (filter, "application/xml");
  gtk_file_filter_add_mime_type (filter, "text/xml");
  gtk_file_filter_add_suffix (filter, "xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (licence_file_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
licence_types_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SsaInstallationView *self = SSA_INSTALLATION_VIEW (widget);
  SsaRepository *repository = ssa_inventory_view_get_repository (self->inventory_view);

  if (repository != NULL && ssa_repository_get_db (repository) != NULL)
    ssa_licence_types_dialog_present (widget, repository);
}

static void
pbx_stored_cb (GObject *owner)
{
  update_usage (SSA_INSTALLATION_VIEW (owner));
}

static void
read_pbx_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SsaInstallationView *self = SSA_INSTALLATION_VIEW (widget);
  SsaRepository *repository = ssa_inventory_view_get_repository (self->inventory_view);

  if (self->installation == NULL || repository == NULL)
    return;
  ssa_pbx_dialog_present (widget, repository, self->installation, G_OBJECT (self),
                          pbx_stored_cb);
}

/* A licence file dropped on the licences: the first .xml of the files dropped. */
static gboolean
drop_cb (GtkDropTarget       *target,
         const GValue        *value,
         double               x,
         double               y,
         SsaInstallationView *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);
      g_autofree char *lower = name != NULL ? g_ascii_strdown (name, -1) : NULL;

      if (lower != NULL && g_str_has_suffix (lower, ".xml"))
        {
          ssa_installation_view_import_licence_file (self, l->data);
          g_slist_free (files);
          return TRUE;
        }
    }
  g_slist_free (files);
  return FALSE;
}

static void
ssa_installation_view_dispose (GObject *object)
{
  SsaInstallationView *self = (SsaInstallationView *)object;

  if (self->installation != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->installation, self);
      g_signal_handlers_disconnect_by_data (ssa_installation_get_licences (self->installation),
                                            self);
    }
  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_data (self->watched, self);
  if (self->usage_cancellable != NULL)
    g_cancellable_cancel (self->usage_cancellable);
  g_clear_object (&self->usage_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), SSA_TYPE_INSTALLATION_VIEW);
  g_clear_object (&self->installation);
  g_clear_object (&self->watched);

  G_OBJECT_CLASS (ssa_installation_view_parent_class)->dispose (object);
}

static void
ssa_installation_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SsaInstallationView *self = SSA_INSTALLATION_VIEW (object);

  switch (prop_id)
    {
    case PROP_INSTALLATION:
      g_value_set_object (value, self->installation);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_installation_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  SsaInstallationView *self = SSA_INSTALLATION_VIEW (object);

  switch (prop_id)
    {
    case PROP_INSTALLATION:
      ssa_installation_view_set_installation (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_installation_view_class_init (SsaInstallationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ssa_installation_view_dispose;
  object_class->get_property = ssa_installation_view_get_property;
  object_class->set_property = ssa_installation_view_set_property;

  properties[PROP_INSTALLATION] =
    g_param_spec_object ("installation", NULL, NULL,
                         SSA_TYPE_INSTALLATION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SSA_TYPE_INVENTORY_VIEW);
  g_type_ensure (SSA_TYPE_OFFER_BUILDER);

  gtk_widget_class_install_action (widget_class, "installation.import-licences", NULL,
                                   import_licences_action);
  gtk_widget_class_install_action (widget_class, "installation.read-pbx", NULL,
                                   read_pbx_action);
  gtk_widget_class_install_action (widget_class, "installation.licence-types", NULL,
                                   licence_types_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ssadesk/SsaDesk/ssa-installation-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SsaInstallationView, title_label);
  gtk_widget_class_bind_template_child (widget_class, SsaInstallationView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SsaInstallationView, usage_label);
  gtk_widget_class_bind_template_child (widget_class, SsaInstallationView, flap);
  gtk_widget_class_bind_template_child (widget_class, SsaInstallationView, inventory_view);
  gtk_widget_class_bind_template_child (widget_class, SsaInstallationView, offer_builder);
}

static void
ssa_installation_view_init (SsaInstallationView *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->inventory_view), GTK_EVENT_CONTROLLER (target));
}

GtkWidget *
ssa_installation_view_new (void)
{
  return g_object_new (SSA_TYPE_INSTALLATION_VIEW, NULL);
}

/* Returns: (transfer none) (nullable): the installation shown */
SsaInstallation *
ssa_installation_view_get_installation (SsaInstallationView *self)
{
  g_return_val_if_fail (SSA_IS_INSTALLATION_VIEW (self), NULL);

  return self->installation;
}

void
ssa_installation_view_set_installation (SsaInstallationView *self,
                                        SsaInstallation     *installation)
{
  g_return_if_fail (SSA_IS_INSTALLATION_VIEW (self));
  g_return_if_fail (installation == NULL || SSA_IS_INSTALLATION (installation));

  watch_repository (self);
  if (self->installation == installation)
    return;

  if (self->installation != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->installation, self);
      g_signal_handlers_disconnect_by_data (ssa_installation_get_licences (self->installation),
                                            self);
    }
  g_set_object (&self->installation, installation);
  if (installation != NULL)
    {
      g_signal_connect_object (installation, "notify", G_CALLBACK (installation_notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (ssa_installation_get_licences (installation), "items-changed",
                               G_CALLBACK (licences_changed_cb), self, G_CONNECT_SWAPPED);
    }

  update_header (self);
  ssa_inventory_view_set_installation (self->inventory_view, installation);
  read_usage (self, TRUE);
  ssa_offer_builder_set_installation (self->offer_builder, installation);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTALLATION]);
}

/* Returns: (transfer none): the licence lines */
SsaInventoryView *
ssa_installation_view_get_inventory_view (SsaInstallationView *self)
{
  g_return_val_if_fail (SSA_IS_INSTALLATION_VIEW (self), NULL);

  return self->inventory_view;
}

/* Returns: (transfer none): the offer builder */
SsaOfferBuilder *
ssa_installation_view_get_offer_builder (SsaInstallationView *self)
{
  g_return_val_if_fail (SSA_IS_INSTALLATION_VIEW (self), NULL);

  return self->offer_builder;
}

/* Returns: (transfer none): the flap that holds the offer builder */
AdwFlap *
ssa_installation_view_get_flap (SsaInstallationView *self)
{
  g_return_val_if_fail (SSA_IS_INSTALLATION_VIEW (self), NULL);

  return self->flap;
}
