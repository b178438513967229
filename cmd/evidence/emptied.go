package main

import (
	"fmt"
	"io"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

// printEmptied names the responsibility tasks left 已提交 or 已确认 with
// no document handed in (every one deleted before deletes sent such
// tasks back): the department sees nothing to hand in again, the
// coordinator nothing to check. evidence repair reopens them.
func printEmptied(w io.Writer, lang report.Lang, tasks []catalog.Assignment) {
	if len(tasks) == 0 {
		return
	}
	say(w, lang, "发现 %d 个责任任务标为已提交或已确认，提交的文档却都已删除：\n", len(tasks))
	for _, a := range tasks {
		fmt.Fprintf(w, "  %s  %s\n", a.ID, taskLine(lang, a))
	}
	sayln(w, lang, "这些任务：运行 evidence repair，退回到提交前的状态（未提交，或曾退回的为已退回），并记入审计日志")
}

// printReopened says which tasks repair sent back, and where each went.
func printReopened(w io.Writer, lang report.Lang, tasks []catalog.ReopenedTask) {
	if len(tasks) == 0 {
		return
	}
	say(w, lang, "重新打开 %d 个提交的文档都已删除的责任任务：\n", len(tasks))
	for _, t := range tasks {
		fmt.Fprintf(w, "  %s  %s → %s\n", t.ID, taskLine(lang, t.Assignment), statusLabel(lang, t.To))
	}
}

// taskLine is a task as a person finds it on 任务 pages: city, round,
// department, indicator and status.
func taskLine(lang report.Lang, a catalog.Assignment) string {
	if lang == report.English {
		return fmt.Sprintf("%s %d %s indicator %s (%s)", a.City, a.Round, a.Department, a.Indicator, statusLabel(lang, a.Status))
	}
	return fmt.Sprintf("%s %d年 %s 指标 %s\uFF08%s\uFF09", a.City, a.Round, a.Department, a.Indicator, statusLabel(lang, a.Status))
}

// statusLabel is a task's status as the 任务 pages and assignments list
// word it, in lang.
func statusLabel(lang report.Lang, s catalog.AssignmentStatus) string {
	return words(lang, catalog.AssignmentStatusLabels[s], assignmentStatusEnglish[s])
}
