package ingest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// An upload naming a second-level indicator is refused naming the
// indicator by its name_en in English, not by its Chinese name.
func TestUploadToALevel2IndicatorNamesItInEnglish(t *testing.T) {
	e := testenv.New(t)
	_, err := e.Ingest.CheckIndicators(context.Background(), []string{"2.3.1", "2.3"})
	zh, en := catalog.ErrorMessage(err), catalog.MessageIn(err, true)
	if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(zh, "2.3 学习成果认证与学分积累 是2级指标") ||
		!strings.Contains(en, "2.3 Recognition of learning outcomes is a level-2 indicator") {
		t.Errorf("an upload to 2.3: %q / %q, want it named 学习成果认证与学分积累 / Recognition of learning outcomes", zh, en)
	}
}
