CREATE TABLE "deletion_receipts" (
	"seq" integer PRIMARY KEY NOT NULL,
	"job" text NOT NULL,
	"rule" text NOT NULL,
	"period" text NOT NULL,
	"cutoff" timestamp with time zone NOT NULL,
	"rows_deleted" integer NOT NULL,
	"outcome" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"chain_start" integer NOT NULL,
	"previous_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "deletion_receipts_previous_hash_unique" ON "deletion_receipts" USING btree ("previous_hash");