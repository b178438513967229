package load

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Phrases are the vocabulary of the generated documents and the queries:
// what learning-city evidence talks about. The index's search benchmark
// uses them too, so that it measures the load's query mix.
var Phrases = []string{
	"学分银行", "社区教育", "老年大学", "终身学习", "学习型城市", "市民学习周", "社区学院",
	"职业技能培训", "数字化学习", "家庭教育", "学习型组织", "图书馆", "全民阅读", "继续教育",
	"成人教育", "学习成果认证", "乡村振兴", "非遗传承", "志愿服务", "开放大学", "在线课程",
	"经费保障", "督导评估", "统筹协调", "专项资金", "示范街道", "学习共同体", "读书会",
}

// Verbs join two Phrases into a sentence.
var Verbs = []string{"推进", "建立", "开展", "完善", "加强", "举办", "实施", "组织", "落实", "深化"}

// document is the text of upload n of uploader u: a few paragraphs of
// sentences from the vocabulary with numbers, different for every upload.
func document(rng *rand.Rand, u, n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "压力测试材料 %d-%d\n", u, n)
	for range 20 + rng.IntN(40) {
		fmt.Fprintf(&b, "%s%s%s，全年参与 %d 人次，覆盖 %d 个街道。", Verbs[rng.IntN(len(Verbs))],
			Phrases[rng.IntN(len(Phrases))], Phrases[rng.IntN(len(Phrases))], 100+rng.IntN(90000), 1+rng.IntN(80))
		if rng.IntN(5) == 0 {
			b.WriteString("\n")
		}
	}
	return []byte(b.String())
}

// query is a search of one or two words of the vocabulary.
func query(rng *rand.Rand) string {
	q := Phrases[rng.IntN(len(Phrases))]
	if rng.IntN(3) == 0 {
		q += " " + Phrases[rng.IntN(len(Phrases))]
	}
	return q
}
