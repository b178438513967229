package catalog

import (
	"context"
	"database/sql"
	"testing"
)

// TestSubmissionKeepsTheRoleItWasMadeIn: jiaoyu, 市教育局's contact,
// hands a file in, uploaded once more the same day; later the account is
// made the city's coordinator. The submissions still say a department
// contact handed them in: a role changed later does not rewrite who
// handed what in.
func TestSubmissionKeepsTheRoleItWasMadeIn(t *testing.T) {
	forEachStore(t, testSubmissionKeepsTheRoleItWasMadeIn)
}

func testSubmissionKeepsTheRoleItWasMadeIn(t *testing.T, s *Store) {
	ctx := context.Background()
	createUser(t, s, "jiaoyu", RoleContributor)
	err := s.CreateDocument(ctx, newDoc("D-学分银行", "sha-学分银行"), Submission{User: "jiaoyu", Role: RoleContributor,
		Department: "市教育局", Filename: "学分银行工作总结.txt"})
	if err != nil {
		t.Fatal(err)
	}
	err = s.AddSubmission(ctx, Submission{DocumentID: "D-学分银行", User: "jiaoyu", Role: RoleContributor, Department: "市教育局",
		Filename: "学分银行工作总结（改）.txt"})
	if err != nil {
		t.Fatal(err)
	}
	setRole(t, s, "jiaoyu", RoleCoordinator)
	subs, err := s.Submissions(ctx, "D-学分银行")
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 2 {
		t.Fatalf("submissions %+v, want 2", subs)
	}
	for _, sub := range subs {
		if sub.Role != RoleContributor {
			t.Errorf("%s's submission of %s says role %q after the account became coordinator, want %q (the role it was made in)",
				sub.User, sub.Filename, sub.Role, RoleContributor)
		}
	}
}

// TestSubmissionRoleMigrationFillsFromTheAccount: in a catalog from
// before migration 033 the submissions have no role. Migrating gives
// each the submitter's role then (jiaoyu a department contact, wang the
// coordinator; ghost, whose account is gone, none); jiaoyu later made
// coordinator, running it again rewrites none of them.
func TestSubmissionRoleMigrationFillsFromTheAccount(t *testing.T) {
	forEachStore(t, testSubmissionRoleMigrationFillsFromTheAccount)
}

func testSubmissionRoleMigrationFillsFromTheAccount(t *testing.T, s *Store) {
	ctx := context.Background()
	suffix := "_submission_role.sql"
	if s.dialect.twin != "" {
		suffix = "_submission_role" + s.dialect.twin
	}
	at := migrationAt(t, s, suffix)
	createUser(t, s, "jiaoyu", RoleContributor)
	createUser(t, s, "wang", RoleCoordinator)
	if err := s.CreateDocument(ctx, newDoc("D-年报", "sha-年报"), Submission{User: "jiaoyu", Filename: "社区教育年报.pdf"}); err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{"wang", "ghost"} {
		if err := s.AddSubmission(ctx, Submission{DocumentID: "D-年报", User: who, Filename: who + "的年报.pdf"}); err != nil {
			t.Fatal(err)
		}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `ALTER TABLE submission DROP COLUMN role`)
		return err
	})
	if err != nil {
		t.Fatalf("wind the catalog back to before migration 033: %v", err)
	}
	want := map[string]Role{"jiaoyu": RoleContributor, "wang": RoleCoordinator, "ghost": ""}
	for round := range 2 {
		runMigrationAgain(t, s, at)
		subs, err := s.Submissions(ctx, "D-年报")
		if err != nil {
			t.Fatal(err)
		}
		if len(subs) != len(want) {
			t.Fatalf("submissions %+v, want %d", subs, len(want))
		}
		for _, sub := range subs {
			if sub.Role != want[sub.User] {
				t.Errorf("run %d: %s's submission has role %q, want %q", round+1, sub.User, sub.Role, want[sub.User])
			}
		}
		setRole(t, s, "jiaoyu", RoleCoordinator)
	}
}

// createUser adds an account of role in 杭州 (330100).
func createUser(t *testing.T, s *Store, name string, role Role) {
	t.Helper()
	if err := s.CreateUser(context.Background(), &User{Username: name, Role: role, City: "330100"}, "hash", "admin"); err != nil {
		t.Fatal(err)
	}
}

// setRole changes an account's role, as an administrator would.
func setRole(t *testing.T, s *Store, name string, role Role) {
	t.Helper()
	err := s.inTx(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.ExecContext(context.Background(), `UPDATE app_user SET role = ? WHERE username = ?`, role, name)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
