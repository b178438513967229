package web

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// writtenActions expands the audit actions the source writes from an
// expression rather than a literal, by the expression as written: a new
// such expression fails TestAuditActionsAreEveryActionWritten until its
// codes are listed here, and so in auditActions.
var writtenActions = map[string][]string{
	`"carryover." + string(state)`: carryStates(),
	`"assignment." + string(c.To)`: {"assignment." + string(catalog.AssignmentOpen), "assignment." + string(catalog.AssignmentSubmitted),
		"assignment." + string(catalog.AssignmentReturned), "assignment." + string(catalog.AssignmentAccepted)},
	`q.Kind + ".quote"`:          {"claim.quote", "value.quote"},
	`string(change)`:             {string(catalog.ClaimEdited), string(catalog.ClaimCited), string(catalog.ClaimUncited)},
	`EventOriginalRepaired`:      {ingest.EventOriginalRepaired},
	`EventOriginalDamaged`:       {ingest.EventOriginalDamaged},
	`EventOriginalIntact`:        {ingest.EventOriginalIntact},
	`ingest.EventOriginalIntact`: {ingest.EventOriginalIntact},
	`EventRoundCarryover`:        {catalog.EventRoundCarryover},
	// claims' history makes one, for a claim carried before the
	// carry-over's event named its copies: never written to the log.
	`catalog.EventRoundCarryover`: {catalog.EventRoundCarryover},
	`action`:                      nil, // an action := "…" beside it, read from the source
}

func carryStates() []string {
	var out []string
	for _, s := range []catalog.CarryState{catalog.CarryToConfirm, catalog.CarryConfirmed, catalog.CarryUpdated, catalog.CarryDropped} {
		out = append(out, "carryover."+string(s))
	}
	return out
}

// TestAuditActionsAreEveryActionWritten walks the module's source for the
// audit events it writes (an Event literal's Action, a string given to
// the sign-in audit helpers, an action := "…") and requires each code in
// auditActions, which the log's words and its 操作 filter come from.
func TestAuditActionsAreEveryActionWritten(t *testing.T) {
	written := map[string]string{} // code → where
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "notes" || strings.HasPrefix(d.Name(), ".")) && path != ".." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			return err
		}
		code := func(e ast.Expr) {
			if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, _ := strconv.Unquote(lit.Value)
				written[s] = fset.Position(lit.Pos()).String()
				return
			}
			expr := string(src[fset.Position(e.Pos()).Offset:fset.Position(e.End()).Offset])
			codes, known := writtenActions[expr]
			if !known {
				t.Errorf("%s: an audit action written as %s: list its codes in writtenActions", fset.Position(e.Pos()), expr)
			}
			for _, c := range codes {
				written[c] = fset.Position(e.Pos()).String()
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				if !isEventType(n.Type) {
					return true
				}
				for _, el := range n.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok {
						if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Action" {
							code(kv.Value)
						}
					}
				}
			case *ast.CallExpr:
				// The sign-in audit helpers take the action as an argument.
				if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "loginEvent" && len(n.Args) == 3 {
					code(n.Args[1])
				}
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "audit" && len(n.Args) == 4 {
					code(n.Args[2])
				}
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					if id, ok := lhs.(*ast.Ident); ok && id.Name == "action" && i < len(n.Rhs) {
						if lit, ok := n.Rhs[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							code(lit)
						}
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(written) < 40 {
		t.Fatalf("found only %d audit actions in the source: the walk is broken", len(written))
	}
	for c, where := range written {
		if !slices.Contains(auditActions, c) {
			t.Errorf("%s writes the audit action %q, which auditActions lacks (and so its words and the log's filter)", where, c)
		}
	}
}

// isEventType reports whether a composite literal's type is the audit
// event (Event in catalog, catalog.Event elsewhere).
func isEventType(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name == "Event"
	case *ast.SelectorExpr:
		return e.Sel.Name == "Event"
	}
	return false
}
