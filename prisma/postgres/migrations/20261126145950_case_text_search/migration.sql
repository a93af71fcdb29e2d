-- Hand-written (no schema change): Chinese text search of cases. pg_trgm's GIN indexes serve the
-- list's `LIKE '%…%'` on subject, address and description for any term of three or more characters.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Case_subject_trgm" ON "Case" USING gin ("subject" gin_trgm_ops);
CREATE INDEX "Case_address_trgm" ON "Case" USING gin ("address" gin_trgm_ops);
CREATE INDEX "Case_description_trgm" ON "Case" USING gin ("description" gin_trgm_ops);
