package packs

import (
	"strings"
	"testing"
)

// TestReadmeExplainsEveryManifestMark: each mark the manifest may put
// after an indicator is explained in README.txt, in both languages, so a
// reader of the pack learns what （已核实，引文在文字中未找到） means.
func TestReadmeExplainsEveryManifestMark(t *testing.T) {
	for tie, w := range tieMarks {
		if !strings.Contains(readme, w.Chinese) {
			t.Errorf("tie %v: README.txt does not explain %s", tie, w.Chinese)
		}
		if en := strings.TrimSpace(w.English); !strings.Contains(readmeEN, en) {
			t.Errorf("tie %v: the English README.txt does not explain %s", tie, en)
		}
	}
}
