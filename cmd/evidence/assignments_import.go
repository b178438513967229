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
	city := cmd.String("city", "", "city code, e.g. 330100")
	round := cmd.Int("round", 0, "monitoring round (year); default: the current one")
	server, token := cmd.serverFlags("API token of the city's coordinator or an admin")
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
	var imp *catalog.AssignmentImport
	if *server != "" {
		imp, err = dial(*server, *token, lang).importAssignments(ctx, *city, *round, filepath.Base(file), body,
			func(line string) { fmt.Fprintln(stderr, line) })
	} else {
		err = cmd.withApp(ctx, appOptions{existing: true}, func(a *app) error {
			imp, err = a.assignments.Import(ctx, cliAdmin(), assignments.ImportRequest{City: *city, Round: *round, Filename: file, Data: body})
			return err
		})
	}
	if err != nil {
		return err
	}
	printAssignmentImport(stdout, lang, imp)
	return nil
}

// printAssignmentImport says what an import did: how many tasks it added,
// updated and left as they were, and the departments new to the city's
// list.
func printAssignmentImport(w io.Writer, lang report.Lang, imp *catalog.AssignmentImport) {
	say(w, lang, "已导入责任分解表：新增 %d 项，更新 %d 项，未变 %d 项", imp.Added, imp.Updated, imp.Unchanged)
	if len(imp.NewDepartments) > 0 {
		say(w, lang, "；新加入责任单位名单：%v", imp.NewDepartments)
	}
	fmt.Fprintln(w)
}

// importAssignments is `assignments import --server`: the table's bytes
// (named name) as the multipart file of POST /api/v1/assignments/import,
// with city and round (0: the server's current one). The server stores a
// table all or not at all, and the same table again changes nothing, so
// it is sent again while the server is busy (doWaiting); a refused table
// is the API's error, which names every bad row.
func (c *remote) importAssignments(ctx context.Context, city string, round int, name string, table []byte, note func(string)) (*catalog.AssignmentImport, error) {
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	fields := map[string]string{"city": city}
	if round != 0 {
		fields["round"] = strconv.Itoa(round)
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
	var answer struct {
		Added          int      `json:"added"`
		Updated        int      `json:"updated"`
		Unchanged      int      `json:"unchanged"`
		NewDepartments []string `json:"new_departments"`
	}
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
	return &catalog.AssignmentImport{Added: answer.Added, Updated: answer.Updated, Unchanged: answer.Unchanged,
		NewDepartments: answer.NewDepartments}, nil
}
