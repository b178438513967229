package main

import (
	"encoding/json"
	"io"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

// storeGaveUpIngest reports an import whose wait the store ended
// (storeWatch): each file's outcome, as a finished import reports it,
// with the files stored but not yet read named as left for evidence serve
// (a file the store refused while it was sent is among the failed, with
// why), before why on stderr (the error returned, exit 1): without them
// a person saw only the store's error and could not tell which files the
// archive holds.
func storeGaveUpIngest(stdout io.Writer, lang report.Lang, outcomes []*fileOutcome, asJSON bool, why error) error {
	counts := map[string]int{}
	var waiting []*fileOutcome
	for _, o := range outcomes {
		counts[o.Outcome]++
		// A duplicate's status is its stored document's: its own line
		// already says it was not stored again.
		if o.Outcome == "stored" && o.Status != string(catalog.StatusIndexed) {
			waiting = append(waiting, o)
		}
	}
	if asJSON {
		if err := json.NewEncoder(stdout).Encode(map[string]any{"files": outcomes, "stored": counts["stored"],
			"duplicate": counts["duplicate"], "failed": counts["failed"], "waiting": len(waiting),
			"stopped": describeIn(why, lang)}); err != nil {
			return err
		}
		return why
	}
	sayln(stdout, lang, "导入未完成：新增 %d，重复 %d，失败 %d（共 %d 个文件）；其中 %d 个已保存的文件待存储恢复后由 evidence serve 继续处理",
		counts["stored"], counts["duplicate"], counts["failed"], len(outcomes), len(waiting))
	printOutcomeLines(stdout, lang, outcomes)
	for _, o := range waiting {
		sayln(stdout, lang, "  待处理  %s\uFF1A已保存，存储恢复后由 evidence serve 继续处理", o.Path)
	}
	return why
}
