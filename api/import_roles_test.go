package api

import (
	"net/http"
	"testing"
)

// TestImportRefusesAReaderBeforeItsBody: an expert's or a reviewer's
// import without a multipart body is 403, as with one, rather than 400
// about the missing file (probe s36 #19): a reader learns first that
// the import is not theirs to make.
func TestImportRefusesAReaderBeforeItsBody(t *testing.T) {
	e := newEnv(t)
	for _, role := range []string{"expert", "reviewer"} {
		for _, path := range []string{"/api/v1/assignments/import", "/api/v1/values/import"} {
			resp, body := e.do(e.request("POST", path, map[string]any{"city": cityA, "round": 2018}), role)
			if resp.StatusCode != http.StatusForbidden || errCode(body) != "EFORBIDDEN" {
				t.Errorf("%s posting JSON to %s: %d %v; want 403 EFORBIDDEN", role, path, resp.StatusCode, body)
			}
		}
	}
}

// TestReimportCountsUnchangedRows: the API's answer to a table imported
// again counts the rows that repeat their tasks under unchanged.
func TestReimportCountsUnchangedRows(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name                      string
		added, updated, unchanged float64
	}{
		{"第一次导入", 2, 0, 0},
		{"同一张表再导入", 0, 0, 2},
	}
	for _, c := range cases {
		resp, body := e.do(e.request("POST", "/api/v1/assignments/import", uploadBody(map[string]string{"city": cityA, "round": "2018"},
			map[string][]byte{"责任分解表.csv": []byte(responsibilityTable)})), "coordA")
		if resp.StatusCode != http.StatusCreated || body["added"] != c.added || body["updated"] != c.updated || body["unchanged"] != c.unchanged {
			t.Errorf("%s: %d added %v updated %v unchanged %v; want %v, %v, %v", c.name, resp.StatusCode,
				body["added"], body["updated"], body["unchanged"], c.added, c.updated, c.unchanged)
		}
	}
}
