ALTER TABLE "accounts" ADD COLUMN "do_not_disturb_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consultations" ADD COLUMN "call_mode" text DEFAULT 'video' NOT NULL;