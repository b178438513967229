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
		printProblems(&out, report.Chinese, problems, nil, deployment{shared: c.shared})
		got := out.String()
		if !strings.Contains(got, "evidence reindex") {
			t.Errorf("shared %v: advice %q does not name evidence reindex", c.shared, got)
		}
		if strings.Contains(got, "重启 evidence serve") != c.wantRestart {
			t.Errorf("shared %v: advice %q; want a restart offered as a remedy: %v", c.shared, got, c.wantRestart)
		}
	}
}

// TestProblemAdviceFitsTheDeployment: on PostgreSQL and S3 check does not
// send an operator to evidence restore (not used there: an original comes
// back from the bucket's own backup) nor tell every node to stop for
// repair; on one machine with the folder store it still does both.
func TestProblemAdviceFitsTheDeployment(t *testing.T) {
	problems := []ingest.Problem{
		{DocumentID: "01M8SF7J0YG3N8Z67AJ4Q6JNFM", Kind: ingest.ProblemOriginal, What: "原件的哈希与目录不一致"},
		{DocumentID: "01M8SF7J0YG3N8Z67AJ4Q6JNFN", Kind: ingest.ProblemText, What: "提取文字的哈希与记录不一致"},
	}
	for _, c := range []struct {
		dep         deployment
		wantRestore bool
		want        []string
	}{
		{deployment{}, true, []string{"停止 evidence serve 后运行 evidence repair"}},
		{deployment{onS3: true}, false, []string{"存储桶的备份", "停止 evidence serve 后运行 evidence repair"}},
		{deployment{shared: true, onS3: true}, false, []string{"存储桶的备份", "其他节点不必停止"}},
	} {
		for _, lang := range []report.Lang{report.Chinese, report.English} {
			var out bytes.Buffer
			printProblems(&out, lang, problems, nil, c.dep)
			got := out.String()
			if strings.Contains(got, "evidence restore") != c.wantRestore {
				t.Errorf("%+v %v: advice %q; want evidence restore named: %v", c.dep, lang, got, c.wantRestore)
			}
			if lang != report.Chinese {
				if strings.Contains(got, "其他节点") || strings.Contains(got, "存储桶") {
					t.Errorf("%+v: English advice %q has Chinese left in it", c.dep, got)
				}
				continue
			}
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("%+v: advice %q does not say %q", c.dep, got, w)
				}
			}
		}
	}
}
