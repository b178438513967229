package main

import (
	"context"
	"io"

	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// runValues is evidence values recheck [--city C] [--round R]: every
// stored value's number looked for again, by today's rules, in the
// passage its quote finds in its cited text (values.RecheckValues); the
// marks that changed are recorded, each with a system event, and counted.
func runValues(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "recheck" {
		return badSubcommand(args, subcommandUsage{
			zh: "用法：evidence values recheck [--city 330100] [--round 2019]",
			en: "usage: evidence values recheck [--city 330100] [--round 2019]",
		}, stderr)
	}
	cmd := newCommand("values recheck", stderr)
	city := cmd.String("city", "", "只核对此城市（按`代码`）的数值（为空时为全部城市）")
	round := cmd.Int("round", 0, "只核对此`轮次`的数值（为 0 时为全部轮次）")
	return cmd.run(ctx, args[1:], appOptions{existing: true}, func(a *app, lang report.Lang) error {
		// The catalog and the stored texts only, as reports read them: no
		// index, so it runs beside serve; each text read whole, one at a time.
		checked, changed, skipped, err := values.NewService(a.cat, a.blobs).RecheckValues(ctx, *city, *round)
		if err != nil {
			return err
		}
		sayln(stdout, lang, "已按现行规则重新核对 %d 个数值，%d 个标记已更改", checked, changed)
		if skipped > 0 {
			sayln(stdout, lang, "%d 份引用的文本暂时无法读取，其中的数值未核对；请稍后重试", skipped)
		}
		return nil
	})
}
