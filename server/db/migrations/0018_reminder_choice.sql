ALTER TABLE "appointment_settings" ADD COLUMN "reminder_kinds" text[] DEFAULT '{day,hour}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "appointment_settings" ADD COLUMN "reminders_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "reminder_two_days_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "reminder_three_hours_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appointment_settings" ADD CONSTRAINT "appointment_settings_reminders" CHECK (reminder_kinds <@ array['two_days', 'day', 'three_hours', 'hour']::text[]);