package ingest

import (
	"errors"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestMisreadSettledRule (review s44 #1): the other reading of a 184 read
// off a scan (18号) is taken only when no document of the city states
// 184号, a document has 18号 from a text layer or a person, and it is the
// scan's notice by title or as its near duplicate.
func TestMisreadSettledRule(t *testing.T) {
	const title = "关于建设城市书房读书驿站的通知"
	doc := func(id, title string, extracted bool, read string, sources ...string) *catalog.Document {
		d := &catalog.Document{ID: id, Title: title, DocNumberRead: read, Reading: catalog.Reading{PageSources: sources}}
		if extracted {
			d.ExtractedFields = []string{catalog.FieldDocNumber, catalog.FieldTitle}
		}
		return d
	}
	textLayer := doc("n18", title, true, "", catalog.SourceText)
	tests := []struct {
		name         string
		kept, others []*catalog.Document
		near         []catalog.NearDuplicate
		want         bool
	}{
		{"the notice's text layer, same title", nil, []*catalog.Document{textLayer}, nil, true},
		{"typed by a person, same title", nil, []*catalog.Document{doc("n18", title, false, "")}, nil, true},
		{"the city states 184号 too", []*catalog.Document{doc("n184", "关于公布学习型城市建设项目的通知", true, "")},
			[]*catalog.Document{textLayer}, nil, false},
		{"a 184号 typed by a person", []*catalog.Document{doc("n184", "", false, "")}, []*catalog.Document{textLayer}, nil, false},
		{"only guesses of 184号 beside it", []*catalog.Document{doc("s184", title, true, "上政发[2022]184", catalog.SourceOCR)},
			[]*catalog.Document{textLayer}, nil, true},
		{"an unrelated 18号", nil, []*catalog.Document{doc("n18", "关于举办2023年全民终身学习活动周的通知", true, "")}, nil, false},
		{"a guessed 18号", nil, []*catalog.Document{doc("g18", title, true, "上政发[2022]185")}, nil, false},
		{"an 18号 OCR read whole", nil, []*catalog.Document{doc("o18", title, true, "", catalog.SourceOCR)}, nil, false},
		{"another title, its near duplicate", nil, []*catalog.Document{doc("n18", "关于建设城市书房的通知", true, "")},
			[]catalog.NearDuplicate{{ID: "n18", Relation: catalog.Near}}, true},
		{"another title, a page of it", nil, []*catalog.Document{doc("n18", "关于建设城市书房的通知", true, "")},
			[]catalog.NearDuplicate{{ID: "n18", Relation: catalog.PartOf}}, true},
		{"another title, containing it", nil, []*catalog.Document{doc("n18", "关于建设城市书房的通知", true, "")},
			[]catalog.NearDuplicate{{ID: "n18", Relation: catalog.HasPart}}, false},
		{"another title, near another document", nil, []*catalog.Document{doc("n18", "关于建设城市书房的通知", true, "")},
			[]catalog.NearDuplicate{{ID: "x", Relation: catalog.Near}}, false},
	}
	for _, tt := range tests {
		got, err := misreadSettled(tt.kept, tt.others, []string{title, "读书驿站扫描件"}, func() ([]catalog.NearDuplicate, error) { return tt.near, nil })
		if err != nil || got != tt.want {
			t.Errorf("%s: settled %v (%v), want %v", tt.name, got, err, tt.want)
		}
	}
	failing := func() ([]catalog.NearDuplicate, error) { return nil, errors.New("catalog down") }
	if _, err := misreadSettled(nil, []*catalog.Document{doc("n18", "关于建设城市书房的通知", true, "")}, []string{title}, failing); err == nil {
		t.Error("a failed look-up of near duplicates settled the 文号 instead of failing")
	}
}
