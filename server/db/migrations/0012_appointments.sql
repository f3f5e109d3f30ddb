CREATE TABLE "absences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"professional_account_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "absences_order" CHECK (starts_at < ends_at)
);
--> statement-breakpoint
CREATE TABLE "appointment_claims" (
	"professional_account_id" uuid NOT NULL,
	"unit_start" timestamp with time zone NOT NULL,
	"appointment_id" uuid NOT NULL,
	CONSTRAINT "appointment_claims_unit" PRIMARY KEY("professional_account_id","unit_start")
);
--> statement-breakpoint
CREATE TABLE "appointment_settings" (
	"professional_account_id" uuid PRIMARY KEY NOT NULL,
	"buffer_minutes" integer DEFAULT 0 NOT NULL,
	"minimum_notice_minutes" integer DEFAULT 120 NOT NULL,
	"horizon_days" integer DEFAULT 56 NOT NULL,
	"cancel_deadline_minutes" integer DEFAULT 1440 NOT NULL,
	"link_grace_minutes" integer DEFAULT 30 NOT NULL,
	"practice_confirms" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_settings_buffer" CHECK (buffer_minutes between 0 and 120 and buffer_minutes % 5 = 0),
	CONSTRAINT "appointment_settings_notice" CHECK (minimum_notice_minutes between 0 and 43200 and minimum_notice_minutes % 5 = 0),
	CONSTRAINT "appointment_settings_horizon" CHECK (horizon_days between 1 and 365),
	CONSTRAINT "appointment_settings_deadline" CHECK (cancel_deadline_minutes between 0 and 43200),
	CONSTRAINT "appointment_settings_grace" CHECK (link_grace_minutes between 0 and 240)
);
--> statement-breakpoint
CREATE TABLE "appointment_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid,
	"professional_account_id" uuid,
	"name" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_types_duration" CHECK (duration_minutes between 5 and 120 and duration_minutes % 5 = 0),
	CONSTRAINT "appointment_types_owner" CHECK (organization_id is not null or professional_account_id is not null)
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"professional_account_id" uuid,
	"professional_name" text NOT NULL,
	"organization_id" uuid,
	"type_id" uuid,
	"type_name" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"hold_expires_at" timestamp with time zone,
	"booked_by" text NOT NULL,
	"booked_by_account_id" uuid,
	"patient_name" text NOT NULL,
	"patient_email" text,
	"patient_phone" text,
	"locale" text DEFAULT 'de' NOT NULL,
	"consented_at" timestamp with time zone,
	"confirm_token_hash" text,
	"confirm_code_hash" text,
	"confirm_attempts" integer DEFAULT 0 NOT NULL,
	"manage_token_hash" text,
	"consultation_id" uuid,
	"join_token" text,
	"sequence" integer DEFAULT 0 NOT NULL,
	"confirmed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text,
	"reminder_day_sent_at" timestamp with time zone,
	"reminder_hour_sent_at" timestamp with time zone,
	"contact_erased_at" timestamp with time zone,
	"restricted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointments_order" CHECK (starts_at < ends_at),
	CONSTRAINT "appointments_reachable" CHECK (contact_erased_at is not null or patient_email is not null or patient_phone is not null)
);
--> statement-breakpoint
CREATE TABLE "availability_ranges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"professional_account_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"start_minute" integer NOT NULL,
	"end_minute" integer NOT NULL,
	CONSTRAINT "availability_ranges_weekday" CHECK (weekday between 1 and 7),
	CONSTRAINT "availability_ranges_minutes" CHECK (start_minute >= 0 and end_minute <= 1440 and start_minute < end_minute and start_minute % 5 = 0 and end_minute % 5 = 0)
);
--> statement-breakpoint
CREATE TABLE "booking_pages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"organization_id" uuid,
	"professional_account_id" uuid,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_pages_slug_form" CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{1,62}[a-z0-9])$'),
	CONSTRAINT "booking_pages_owner" CHECK ((organization_id is null) <> (professional_account_id is null))
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "time_zone" text DEFAULT 'Europe/Berlin' NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "time_zone" text DEFAULT 'Europe/Berlin' NOT NULL;--> statement-breakpoint
ALTER TABLE "absences" ADD CONSTRAINT "absences_professional_account_id_accounts_id_fk" FOREIGN KEY ("professional_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_claims" ADD CONSTRAINT "appointment_claims_professional_account_id_accounts_id_fk" FOREIGN KEY ("professional_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_claims" ADD CONSTRAINT "appointment_claims_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_settings" ADD CONSTRAINT "appointment_settings_professional_account_id_accounts_id_fk" FOREIGN KEY ("professional_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_types" ADD CONSTRAINT "appointment_types_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_types" ADD CONSTRAINT "appointment_types_professional_account_id_accounts_id_fk" FOREIGN KEY ("professional_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_professional_account_id_accounts_id_fk" FOREIGN KEY ("professional_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_type_id_appointment_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."appointment_types"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_booked_by_account_id_accounts_id_fk" FOREIGN KEY ("booked_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_ranges" ADD CONSTRAINT "availability_ranges_professional_account_id_accounts_id_fk" FOREIGN KEY ("professional_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_pages" ADD CONSTRAINT "booking_pages_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_pages" ADD CONSTRAINT "booking_pages_professional_account_id_accounts_id_fk" FOREIGN KEY ("professional_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "absences_professional_idx" ON "absences" USING btree ("professional_account_id","ends_at");--> statement-breakpoint
CREATE INDEX "appointment_claims_appointment_idx" ON "appointment_claims" USING btree ("appointment_id");--> statement-breakpoint
CREATE INDEX "appointment_types_organization_idx" ON "appointment_types" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "appointment_types_professional_idx" ON "appointment_types" USING btree ("professional_account_id");--> statement-breakpoint
CREATE INDEX "appointments_professional_idx" ON "appointments" USING btree ("professional_account_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_organization_idx" ON "appointments" USING btree ("organization_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_ends_idx" ON "appointments" USING btree ("ends_at");--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_confirm_token_unique" ON "appointments" USING btree ("confirm_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_manage_token_unique" ON "appointments" USING btree ("manage_token_hash");--> statement-breakpoint
CREATE INDEX "availability_ranges_professional_idx" ON "availability_ranges" USING btree ("professional_account_id","weekday");--> statement-breakpoint
CREATE UNIQUE INDEX "booking_pages_slug_unique" ON "booking_pages" USING btree ("slug");