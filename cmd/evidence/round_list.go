package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/lcmonitor/evidence/report"
)

// apiRound is a round as GET /api/v1/rounds answers it, the shape `round
// list --json` prints in both modes.
type apiRound struct {
	Year      int    `json:"year"`
	Label     string `json:"label"`
	Current   bool   `json:"current"`
	NamesKept bool   `json:"names_kept"`
}

// runRoundList is `evidence round list`: the monitoring rounds, oldest
// first, which is current and whose indicator names they keep, from the
// data folder or through a running archive (GET /api/v1/rounds, asked
// again while the server is busy).
func runRoundList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("round list", stderr)
	asJSON := cmd.Bool("json", false, "按 GET /api/v1/rounds 的应答以 JSON 输出轮次")
	server, token := cmd.serverFlags("API `令牌`，用于 --server（或 $EVIDENCE_TOKEN）")
	lang, err := cmd.parse(args)
	if err != nil {
		return err
	}
	var out struct {
		Rounds []apiRound `json:"rounds"`
	}
	if *server != "" {
		c := dial(*server, *token, lang)
		err = c.doWaiting(ctx, c.get(ctx, "/api/v1/rounds"), &out, func(line string) { fmt.Fprintln(stderr, line) })
	} else {
		err = cmd.withApp(ctx, appOptions{existing: true}, func(a *app) error {
			rounds, err := a.framework.Rounds(ctx)
			for _, r := range rounds {
				out.Rounds = append(out.Rounds, apiRound{Year: r.Year, Label: r.Label, Current: r.Current, NamesKept: r.NamesKept})
			}
			return err
		})
	}
	if err != nil {
		return err
	}
	if *asJSON {
		if out.Rounds == nil {
			out.Rounds = []apiRound{}
		}
		return json.NewEncoder(stdout).Encode(out)
	}
	return printRounds(stdout, lang, out.Rounds)
}

// printRounds writes rounds as a table under a header row, in lang.
func printRounds(w io.Writer, lang report.Lang, rounds []apiRound) error {
	if len(rounds) == 0 {
		sayln(w, lang, "尚无监测轮次；添加：evidence round add --year 2019")
		return nil
	}
	rows := [][]string{{words(lang, "年度", "Year"), words(lang, "名称", "Label"), words(lang, "当前轮次", "Current"), words(lang, "指标名称", "Indicator names")}}
	for _, r := range rounds {
		label, current := r.Label, ""
		if label == "" {
			label = "—"
		}
		if r.Current {
			current = words(lang, "是", "yes")
		}
		names := words(lang, "随现行指标体系", "the current framework's")
		if r.NamesKept {
			names = words(lang, "沿用本轮监测时的名称", "kept as monitored")
		}
		rows = append(rows, []string{strconv.Itoa(r.Year), label, current, names})
	}
	return writeColumns(w, rows, lang != report.English)
}
