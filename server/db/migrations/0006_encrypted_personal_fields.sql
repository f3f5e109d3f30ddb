DROP INDEX "accounts_email_unique";--> statement-breakpoint
DROP INDEX "organizations_email_unique";--> statement-breakpoint
ALTER TABLE "accounts" ALTER COLUMN "date_of_birth" SET DATA TYPE text;--> statement-breakpoint
-- Rows from before encryption get a placeholder index (never an address); the server seals their
-- fields and computes the real index at start-up, before it takes requests (server/security/data-key.ts).
ALTER TABLE "accounts" ADD COLUMN "email_index" text;--> statement-breakpoint
UPDATE "accounts" SET "email_index" = 'unsealed:' || "id";--> statement-breakpoint
ALTER TABLE "accounts" ALTER COLUMN "email_index" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "email_index" text;--> statement-breakpoint
UPDATE "organizations" SET "email_index" = 'unsealed:' || "id";--> statement-breakpoint
ALTER TABLE "organizations" ALTER COLUMN "email_index" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_email_index_unique" ON "accounts" USING btree ("email_index");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_email_index_unique" ON "organizations" USING btree ("email_index");
