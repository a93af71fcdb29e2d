-- Hand-written (no schema change): Chinese text search of cases through an FTS5 index with the trigram
-- tokenizer (any substring of three or more characters), kept in step with "Case" by triggers.
CREATE VIRTUAL TABLE "CaseSearch" USING fts5(
  "caseNo", "subject", "address", "description",
  content = 'Case', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO "CaseSearch" ("CaseSearch") VALUES ('rebuild');

CREATE TRIGGER "Case_search_insert" AFTER INSERT ON "Case" BEGIN
  INSERT INTO "CaseSearch" (rowid, "caseNo", "subject", "address", "description")
  VALUES (new."id", new."caseNo", new."subject", new."address", new."description");
END;
CREATE TRIGGER "Case_search_delete" AFTER DELETE ON "Case" BEGIN
  INSERT INTO "CaseSearch" ("CaseSearch", rowid, "caseNo", "subject", "address", "description")
  VALUES ('delete', old."id", old."caseNo", old."subject", old."address", old."description");
END;
CREATE TRIGGER "Case_search_update" AFTER UPDATE OF "caseNo", "subject", "address", "description" ON "Case" BEGIN
  INSERT INTO "CaseSearch" ("CaseSearch", rowid, "caseNo", "subject", "address", "description")
  VALUES ('delete', old."id", old."caseNo", old."subject", old."address", old."description");
  INSERT INTO "CaseSearch" (rowid, "caseNo", "subject", "address", "description")
  VALUES (new."id", new."caseNo", new."subject", new."address", new."description");
END;
