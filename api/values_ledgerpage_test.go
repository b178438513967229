package api

import (
	"net/http"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv/xlsxtest"
)

// TestValueQuotedFromASpreadsheetRow: the probe's 学分银行台账.xlsx, whose
// page reads 上城区 | 45 | 52 | 3200 | 38.5, cited for 4.1.2 on page 1 with
// the row or one cell as the user sees it: the quote is found on page 1
// and the value in it. Cells run together (4552) are no quote of it.
func TestValueQuotedFromASpreadsheetRow(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "学分银行台账.xlsx", string(xlsxtest.Rows(t, xlsxtest.CreditBankLedger...)))
	for _, tt := range []struct {
		quote       string
		found       bool
		foundOnPage float64
	}{
		{"上城区 | 45 | 52", true, 1},
		{"上城区 45 52 3200 38.5", true, 1},
		{"上城区\t45\t52\t3200\t38.5", true, 1},
		{"38.5", true, 1},
		{"上城区 | 45 | 52 | 3200 | 38.5", true, 1},
		{"上城区 4552", false, 0},
	} {
		resp, body := e.do(e.request("POST", "/api/v1/values", map[string]any{"round": 2017, "indicator": "4.1.2", "value": "38.5%",
			"citation": map[string]any{"document_id": doc, "page": 1, "quote": tt.quote}}), "coordA")
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("POST 38.5%% citing %q: %d %v", tt.quote, resp.StatusCode, body)
		}
		v := body["value"].(map[string]any)
		c, _ := v["citation"].(map[string]any)
		if c["quote_found"] != tt.found || c["found_on_page"] != tt.foundOnPage {
			t.Errorf("POST 38.5%% citing %q: citation %v, want quote_found %v on page %v", tt.quote, c, tt.found, tt.foundOnPage)
		}
		// The value is found in a quote that holds its cell.
		if want := tt.found && tt.quote != "上城区 | 45 | 52"; v["value_found"] != want {
			t.Errorf("POST 38.5%% citing %q: value_found %v, want %v", tt.quote, v["value_found"], want)
		}
	}
}
