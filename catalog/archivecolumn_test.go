package catalog

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"
)

// TestDocumentArchive: the archive a document's file came in is kept
// with it and read back by every query of documents; a file uploaded
// alone has none, and a replaced original, uploaded alone, loses it.
func TestDocumentArchive(t *testing.T) { forEachStore(t, testDocumentArchive) }

func testDocumentArchive(t *testing.T, s *Store) {
	ctx := context.Background()
	docs := []*Document{newDoc("D1", "sha-通知"), newDoc("D2", "sha-总结"), newDoc("D3", "sha-单独上传")}
	docs[0].Archive, docs[1].Archive = "教育局材料汇总.zip", "教育局材料汇总.zip"
	subs := []Submission{{User: "zhang"}, {User: "zhang"}, {User: "zhang"}}
	if err := s.CreateDocuments(ctx, docs, subs); err != nil {
		t.Fatal(err)
	}
	byID, err := s.DocumentsByID(ctx, []string{"D1", "D2", "D3"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ id, want string }{{"D1", "教育局材料汇总.zip"}, {"D2", "教育局材料汇总.zip"}, {"D3", ""}} {
		d, err := s.Document(ctx, tc.id)
		if err != nil {
			t.Fatal(err)
		}
		if d.Archive != tc.want || byID[tc.id].Archive != tc.want {
			t.Errorf("%s: archive %q (by id %q), want %q", tc.id, d.Archive, byID[tc.id].Archive, tc.want)
		}
	}
	var null int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM document WHERE archive IS NULL`).Scan(&null); err != nil || null != 1 {
		t.Errorf("documents with a NULL archive: %d (%v), want 1: a file uploaded alone records none", null, err)
	}
	if err := s.SetStatus(ctx, StatusChange{ID: "D1", Status: StatusFailed, Error: "PDF 文件已损坏"}); err != nil {
		t.Fatal(err)
	}
	d, err := s.ReplaceOriginal(ctx, "D1", Replacement{SHA256: "sha-通知（重新扫描）", Format: "pdf", MIME: "application/pdf",
		Filename: "关于推进学分银行建设的通知.pdf", Size: 20, By: "wang"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Archive != "" {
		t.Errorf("a replaced original keeps the archive %q the failed file came in", d.Archive)
	}
}

// TestMigrationLeavesOldDocumentsWithoutArchive: a catalog of version 36
// gains document.archive, NULL for the documents it held (nothing tells
// which archive their files came in); documents stored since keep theirs,
// and running the migration again takes none away.
func TestMigrationLeavesOldDocumentsWithoutArchive(t *testing.T) {
	forEachStore(t, testMigrationLeavesOldDocumentsWithoutArchive)
}

func testMigrationLeavesOldDocumentsWithoutArchive(t *testing.T, s *Store) {
	ctx := context.Background()
	old := newDoc("D1", "sha-旧文档")
	if err := s.CreateDocument(ctx, old, Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `ALTER TABLE document DROP COLUMN archive`); err != nil {
			return err
		}
		return s.dialect.setVersion(ctx, tx, 36)
	})
	if err != nil {
		t.Fatalf("make a catalog of version 36: %v", err)
	}
	if err := s.migrate(ctx); err != nil {
		t.Fatalf("migrate from version 36: %v", err)
	}
	var null int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM document WHERE id = 'D1' AND archive IS NULL`).Scan(&null); err != nil || null != 1 {
		t.Errorf("the old document's archive is not NULL after the migration (%d, %v)", null, err)
	}
	d := newDoc("D2", "sha-新文档")
	d.Archive = "文广旅材料.7z"
	if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	names, err := s.dialect.migrationFiles()
	if err != nil {
		t.Fatal(err)
	}
	at := slices.IndexFunc(names, func(n string) bool { return strings.Contains(n, "/037_document_archive.") })
	if at < 0 {
		t.Fatalf("no migration 037_document_archive in %v", names)
	}
	runMigrationAgain(t, s, at)
	for id, want := range map[string]string{"D1": "", "D2": "文广旅材料.7z"} {
		got, err := s.Document(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Archive != want {
			t.Errorf("%s after the migration: archive %q, want %q", id, got.Archive, want)
		}
	}
}
