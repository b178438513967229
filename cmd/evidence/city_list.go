package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/lcmonitor/evidence/report"
)

// apiCity is a city as GET /api/v1/cities answers it, the shape `city
// list --json` prints in both modes.
type apiCity struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	NameEN string `json:"name_en"`
}

// runCityList is `evidence city list`: the archive's cities by code, as
// the admin page lists them, from the data folder or through a running
// archive (GET /api/v1/cities, asked again while the server is busy).
func runCityList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("city list", stderr)
	asJSON := cmd.Bool("json", false, "按 GET /api/v1/cities 的应答以 JSON 输出城市")
	server, token := cmd.serverFlags("API `令牌`，用于 --server（或 $EVIDENCE_TOKEN）")
	lang, err := cmd.parse(args)
	if err != nil {
		return err
	}
	var out struct {
		Cities []apiCity `json:"cities"`
	}
	if *server != "" {
		c := dial(*server, *token, lang)
		err = c.doWaiting(ctx, c.get(ctx, "/api/v1/cities"), &out, func(line string) { fmt.Fprintln(stderr, line) })
	} else {
		err = cmd.withApp(ctx, appOptions{existing: true}, func(a *app) error {
			cities, err := a.framework.Cities(ctx)
			for _, c := range cities {
				out.Cities = append(out.Cities, apiCity{Code: c.Code, Name: c.Name, NameEN: c.EnglishName()})
			}
			return err
		})
	}
	if err != nil {
		return err
	}
	if *asJSON {
		if out.Cities == nil {
			out.Cities = []apiCity{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	return printCities(stdout, lang, out.Cities)
}

// printCities writes cities as a table under a header row, in lang.
func printCities(w io.Writer, lang report.Lang, cities []apiCity) error {
	if len(cities) == 0 {
		sayln(w, lang, "尚无城市；添加：evidence city add --code 330100 --name 杭州")
		return nil
	}
	rows := [][]string{{words(lang, "代码", "Code"), words(lang, "名称", "Name"), words(lang, "英文名称", "English name")}}
	for _, c := range cities {
		rows = append(rows, []string{c.Code, c.Name, c.NameEN})
	}
	return writeColumns(w, rows, lang != report.English)
}
