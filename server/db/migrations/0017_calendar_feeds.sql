CREATE TABLE "calendar_feeds" (
	"professional_account_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text,
	"token_created_at" timestamp with time zone,
	"show_initials" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_professional_account_id_accounts_id_fk" FOREIGN KEY ("professional_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_unique" ON "calendar_feeds" USING btree ("token_hash");