package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/report"
)

// TestIndexProblemAdvice: check tells a node sharing its catalog to
// reindex, not that a restart would do: a restarted node follows only
// the changes after the last it applied and never fills a hole behind it.
func TestIndexProblemAdvice(t *testing.T) {
	problems := []ingest.Problem{{DocumentID: "01M8SF7J0YG3N8Z67AJ4Q6JNFM", Kind: ingest.ProblemIndex, What: "目录中已索引，搜索索引中却没有"}}
	for _, c := range []struct {
		shared      bool
		wantRestart bool
	}{
		{shared: false, wantRestart: true},
		{shared: true, wantRestart: false},
	} {
		var out bytes.Buffer
		printProblems(&out, report.Chinese, problems, nil, c.shared)
		got := out.String()
		if !strings.Contains(got, "evidence reindex") {
			t.Errorf("shared %v: advice %q does not name evidence reindex", c.shared, got)
		}
		if strings.Contains(got, "重启 evidence serve") != c.wantRestart {
			t.Errorf("shared %v: advice %q; want a restart offered as a remedy: %v", c.shared, got, c.wantRestart)
		}
	}
}
