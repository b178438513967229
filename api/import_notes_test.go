package api

import (
	"fmt"
	"net/http"
	"os"
	"testing"
)

// TestImportAnswersHowItReadTheTable: the probe's table
// (assignments/testdata/挂牌单位的责任分解表.xlsx) imported through the API
// answers the noted name it read as 市教育局, the 配合单位 it did not
// import with their indicators, and the departments without an account;
// the progress answer marks 市人力社保局 no_account.
func TestImportAnswersHowItReadTheTable(t *testing.T) {
	e := newEnv(t)
	table, err := os.ReadFile("../assignments/testdata/挂牌单位的责任分解表.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	resp, body := e.do(e.request("POST", "/api/v1/assignments/import", uploadBody(map[string]string{"city": cityA, "round": "2018"},
		map[string][]byte{"责任分解表.xlsx": table})), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("import: %d %v", resp.StatusCode, body)
	}
	if got := fmt.Sprint(body["folded_departments"]); got != "[map[as:市教育局 other: written:市教育局（市语委办）]]" {
		t.Errorf("folded_departments %s, want 市教育局（市语委办） as 市教育局", got)
	}
	if got := fmt.Sprint(body["ignored_units"]); got != "[map[indicators:[1.1.1] name:市委办公厅] map[indicators:[2.3.1] name:市人力社保局]]" {
		t.Errorf("ignored_units %s, want 市委办公厅 (1.1.1) and 市人力社保局 (2.3.1)", got)
	}
	if got := fmt.Sprint(body["unreceived_departments"]); got != "[市人力社保局]" {
		t.Errorf("unreceived_departments %s, want 市人力社保局 (市教育局 has contribA)", got)
	}
	resp, body = e.do(e.request("GET", "/api/v1/assignments/progress?city="+cityA+"&round=2018", nil), "coordA")
	rows, _ := body["departments"].([]any)
	marked := map[string]bool{}
	for _, r := range rows {
		r := r.(map[string]any)
		marked[r["department"].(string)] = r["no_account"] == true
	}
	if resp.StatusCode != http.StatusOK || !marked["市人力社保局"] || marked["市教育局"] || len(marked) != 2 {
		t.Errorf("progress: %d %v, want 市人力社保局 alone marked no_account", resp.StatusCode, body)
	}
}
