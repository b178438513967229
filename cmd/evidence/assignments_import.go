package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

// runAssignmentsImport imports a responsibility table (责任分解表) into the
// data folder as an admin or, with --server, through POST
// /api/v1/assignments/import as the token's user: the rules of
// assignments.Service.Import either way (all rows or none, every bad row
// named), and the same lines said.
func runAssignmentsImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("assignments import", stderr)
	cmd.reorder = true
	city := cmd.String("city", "", "城市`代码`，如 330100")
	round := cmd.Int("round", 0, "监测`轮次`（年份），默认为当前轮次")
	removeMissing := cmd.Bool("remove-missing", false,
		"删除本轮中此表不再列出的任务（用于更正后的表）；已有提交材料或已确认的任务保留")
	server, token := cmd.serverFlags("本市协调员或管理员的 API `令牌`，用于 --server（或 $EVIDENCE_TOKEN）")
	lang, err := cmd.parse(args)
	if err != nil {
		return err
	}
	if cmd.NArg() != 1 {
		return catalog.Errorf(catalog.EINVALID, "请给出一个责任分解表文件：evidence assignments import FILE --city 330100")
	}
	file := cmd.Arg(0)
	body, err := os.ReadFile(file)
	if err != nil {
		return catalog.Errorf(catalog.EINVALID, "无法读取 %s：%v", file, err)
	}
	var imp *importSaid
	if *server != "" {
		imp, err = dial(*server, *token, lang).importAssignments(ctx, *city, *round, *removeMissing, filepath.Base(file), body,
			func(line string) { fmt.Fprintln(stderr, line) })
	} else {
		err = cmd.withApp(ctx, appOptions{existing: true}, func(a *app) error {
			var done *catalog.AssignmentImport
			done, err = a.assignments.Import(ctx, cliAdmin(), assignments.ImportRequest{City: *city, Round: *round, Filename: file,
				Data: body, RemoveMissing: *removeMissing})
			imp = importSaidOf(done)
			return err
		})
	}
	if err != nil {
		return err
	}
	printAssignmentImport(stdout, lang, imp, *removeMissing)
	return nil
}

// importSaid is what an import did, as the CLI says it, whether the
// service answered in process or the API over HTTP.
type importSaid struct {
	Added          int        `json:"added"`
	Updated        int        `json:"updated"`
	Unchanged      int        `json:"unchanged"`
	NewDepartments []string   `json:"new_departments"`
	NotInTable     []leftTask `json:"not_in_table"`
	Removed        []leftTask `json:"removed"`
	IgnoredColumns []string   `json:"ignored_columns"`
	// RequirementColumn is the heading of the column read as the tasks'
	// requirement (catalog.AssignmentImport.RequirementColumn).
	RequirementColumn string `json:"requirement_column"`
	// RequirementFromRemark says that column is the 备注
	// (catalog.AssignmentImport.RequirementFromRemark).
	RequirementFromRemark bool `json:"requirement_from_remark"`
	// IgnoredUnits, Folded and Unreceived are catalog.AssignmentImport's.
	IgnoredUnits []ignoredUnit      `json:"ignored_units"`
	Folded       []foldedDepartment `json:"folded_departments"`
	Unreceived   []string           `json:"unreceived_departments"`
	// Combined are the departments the table splits that nothing else
	// refers to (catalog.AssignmentImport.Combined), offered for removal.
	Combined []combinedDepartment `json:"combined_departments"`
}

// ignoredUnit is a unit of the 配合单位 column and its rows' indicators.
type ignoredUnit struct {
	Name       string   `json:"name"`
	Indicators []string `json:"indicators"`
}

// foldedDepartment is a department name written with a bracketed note
// and the department it was imported as.
type foldedDepartment struct {
	Written string `json:"written"`
	As      string `json:"as"`
	Other   string `json:"other"`
}

// combinedDepartment is a department of the list that a table splits.
type combinedDepartment struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// leftTask is a task of the round the table did not list.
type leftTask struct {
	ID         string `json:"id"`
	Indicator  string `json:"indicator"`
	Department string `json:"department"`
	HandedIn   bool   `json:"handed_in"`
}

func importSaidOf(imp *catalog.AssignmentImport) *importSaid {
	if imp == nil {
		return nil
	}
	left := func(as []catalog.Assignment) []leftTask {
		out := make([]leftTask, len(as))
		for i, a := range as {
			out[i] = leftTask{ID: a.ID, Indicator: a.Indicator, Department: a.Department, HandedIn: assignments.HasHandIns(&a)}
		}
		return out
	}
	said := &importSaid{Added: imp.Added, Updated: imp.Updated, Unchanged: imp.Unchanged, NewDepartments: imp.NewDepartments,
		NotInTable: left(imp.NotInTable), Removed: left(imp.Removed), IgnoredColumns: imp.IgnoredColumns,
		RequirementColumn: imp.RequirementColumn, RequirementFromRemark: imp.RequirementFromRemark}
	for _, d := range imp.Combined {
		said.Combined = append(said.Combined, combinedDepartment{ID: d.ID, Name: d.Name})
	}
	for _, u := range imp.IgnoredUnits {
		said.IgnoredUnits = append(said.IgnoredUnits, ignoredUnit(u))
	}
	for _, f := range imp.Folded {
		said.Folded = append(said.Folded, foldedDepartment(f))
	}
	said.Unreceived = imp.Unreceived
	return said
}

// printAssignmentImport says what an import did: how many tasks it added,
// updated and left as they were, the departments new to the city's list,
// a column it did not import, and the round's tasks the table does not
// list — removed, or kept and how to remove them.
func printAssignmentImport(w io.Writer, lang report.Lang, imp *importSaid, removeMissing bool) {
	say(w, lang, "已导入责任分解表：新增 %d 项，更新 %d 项，未变 %d 项", imp.Added, imp.Updated, imp.Unchanged)
	if len(imp.NewDepartments) > 0 {
		say(w, lang, "；新加入责任单位名单：%s", strings.Join(imp.NewDepartments, "、"))
	}
	fmt.Fprintln(w)
	switch {
	case imp.RequirementFromRemark:
		sayln(w, lang, "表中没有材料要求列，“%s”列中写明所需材料的内容已作为备注导入，责任单位在“我的任务”中可见（已完成、牵头、电话号码、日期等未导入）", imp.RequirementColumn)
	case imp.RequirementColumn != "":
		sayln(w, lang, "“%s”列已作为各项任务的材料要求导入，责任单位在“我的任务”中可见", imp.RequirementColumn)
	}
	for _, col := range imp.IgnoredColumns {
		sayln(w, lang, "“%s”列未导入：任务只分给责任单位（牵头单位）列中的单位；配合单位如也须提交佐证材料，请把它写进责任单位列（一格可写多个单位，用顿号隔开）", col)
	}
	if len(imp.IgnoredUnits) > 0 {
		units := make([]catalog.IgnoredUnit, len(imp.IgnoredUnits))
		for i, u := range imp.IgnoredUnits {
			units[i] = catalog.IgnoredUnit(u)
		}
		sayln(w, lang, "未导入：%s", catalog.IgnoredUnitsWords(units))
	}
	for _, f := range imp.Folded {
		if f.Other != "" {
			sayln(w, lang, "%s按“%s”导入；名单中另有“%s”，如这些任务应由它承担，请改派", f.Written, f.As, f.Other)
		} else {
			sayln(w, lang, "%s按“%s”导入（括号中是该单位挂牌或合署的名称，不另作一个责任单位）", f.Written, f.As)
		}
	}
	if len(imp.Unreceived) > 0 {
		sayln(w, lang, "%d 个责任单位无账号，任务无人接收：%s；请为其添加账号（evidence user add --role contributor），或在责任单位名单中把它并入已有账号的单位",
			len(imp.Unreceived), strings.Join(imp.Unreceived, "、"))
	}
	names := func(ts []leftTask) string {
		out := make([]string, len(ts))
		for i, t := range ts {
			out[i] = t.Indicator + " " + t.Department
			if t.HandedIn {
				out[i] += sayf(lang, "（已有提交材料，不会删除）")
			}
		}
		return strings.Join(out, "；")
	}
	if len(imp.Removed) > 0 {
		sayln(w, lang, "已删除本轮不在此表中的 %d 项任务：%s", len(imp.Removed), names(imp.Removed))
	}
	if len(imp.NotInTable) > 0 {
		sayln(w, lang, "本轮另有 %d 项任务不在此表中：%s", len(imp.NotInTable), names(imp.NotInTable))
		if !removeMissing {
			sayln(w, lang, "如属误导入，请加 --remove-missing 再导入一次以删除它们（已有提交材料或已确认的任务不会删除），或用 evidence assignments delete ID 逐项删除")
		}
	}
	for _, d := range imp.Combined {
		sayln(w, lang, "责任单位名单中的“%s”已被此表拆分填写，不再使用；可在“责任单位名单”页删除，或 DELETE /api/v1/departments/%s", d.Name, d.ID)
	}
}

// importAssignments is `assignments import --server`: the table's bytes
// (named name) as the multipart file of POST /api/v1/assignments/import,
// with city and round (0: the server's current one). The server stores a
// table all or not at all, and the same table again changes nothing, so
// it is sent again while the server is busy (doWaiting); a refused table
// is the API's error, which names every bad row.
func (c *remote) importAssignments(ctx context.Context, city string, round int, removeMissing bool, name string, table []byte,
	note func(string)) (*importSaid, error) {
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	fields := map[string]string{"city": city}
	if round != 0 {
		fields["round"] = strconv.Itoa(round)
	}
	if removeMissing {
		fields["remove_missing"] = "true"
	}
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			return nil, fmt.Errorf("form field %s: %w", k, err)
		}
	}
	part, err := mw.CreateFormFile("file", name)
	if err == nil {
		_, err = part.Write(table)
	}
	if err == nil {
		err = mw.Close()
	}
	if err != nil {
		return nil, fmt.Errorf("form of %s: %w", name, err)
	}
	var answer importSaid
	err = c.doWaiting(ctx, func() (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, "POST", c.base+"/api/v1/assignments/import", bytes.NewReader(form.Bytes()))
		if err != nil {
			return nil, catalog.Errorf(catalog.EINVALID, "服务器地址 %q 无效：%v", c.base, err)
		}
		req.Header.Set("Content-Type", mw.FormDataContentType())
		return req, nil
	}, &answer, note)
	if err != nil {
		return nil, err
	}
	return &answer, nil
}
