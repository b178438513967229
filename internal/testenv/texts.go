package testenv

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// NoticeDraft, NoticeFinal and Unrelated are texts for near-duplicate
// tests: a notice's 征求意见稿, its final version with a date, a number and
// one sentence changed (about 0.93 similar), and a document of the same
// genre that is not a version of it.
const (
	NoticeDraft = `关于举办2019年全民终身学习活动周的通知（征求意见稿）
各区县（市）教育局，市级各有关单位：
根据教育部办公厅关于举办2019年全民终身学习活动周的通知精神，经研究，决定于2019年10月20日至26日在全市举办全民终身学习活动周。现将有关事项通知如下。
一、活动主题：学习新思想，奋进新时代。
二、主要活动
（一）开幕式。10月20日上午在市文化广场举行全市活动周开幕式，表彰2019年度百姓学习之星和终身学习品牌项目。
（二）社区学习共同体展示。各区县（市）组织不少于三个社区学习共同体开展成果展示和经验交流，市社区大学汇编优秀案例。
（三）老年教育系列活动。依托各级老年大学和社区学校开展智能手机应用、健康养生、非遗传承等体验课程，帮助老年人跨越数字鸿沟。
（四）职工学习周活动。市总工会组织企业开展职工技能比武、读书分享和技能培训，推动学习型企业建设。
（五）线上学习活动。终身学习网开设活动周专栏，推出100门优质微课程，组织网上读书打卡活动。
三、工作要求
各单位要加强组织领导，制定具体实施方案，广泛宣传发动，确保活动取得实效。活动结束后，请于11月5日前将活动总结、图片资料和统计表报送市终身教育指导中心。`

	Unrelated = `成都市关于加快发展老年教育的实施方案
为积极应对人口老龄化，满足广大老年人日益增长的学习需求，根据国务院办公厅《老年教育发展规划（2016—2020年）》精神，结合我市实际，制定本实施方案。
到2020年，基本形成覆盖城乡的老年教育公共服务体系，以各种形式经常性参与教育活动的老年人占老年人口总数的比例达到20%以上。
推动各级各类学校向老年人开放教育资源，鼓励普通高校、职业院校举办老年教育，支持社会力量参与举办老年大学。
依托成都开放大学建设老年教育网络平台，开发适合老年人学习的数字化课程资源，开展远程老年教育。`
)

// NoticeFinal is NoticeDraft as it was issued.
var NoticeFinal = strings.NewReplacer(
	"（征求意见稿）", "",
	"推出100门优质微课程", "推出120门优质微课程",
	"请于11月5日前", "请于11月10日前",
	"市总工会组织企业开展职工技能比武、读书分享和技能培训", "市总工会组织企业开展职工技能比武和读书分享",
).Replace(NoticeDraft)

// A two-page notice with a 文号, and a scan of its first page as OCR may
// read it (lines broken, 学分 misread 学汾 throughout): the scan is part
// of the notice (部分重复) and no near duplicate of it.
const (
	PartNoticeHead  = "杭州市教育局文件\n\n杭教发〔2023〕5号\n\n关于推进学分银行建设的通知\n\n"
	PartNoticePage1 = "各区、县（市）教育局，市级各有关单位：为贯彻落实《杭州市终身学习促进条例》，推进学分银行建设，构建终身学习立交桥，现将有关事项通知如下。" +
		"一、建立市民终身学习账户。各区县要依托社区学校为市民开设学习账户，记录市民参加各类学习的成果，2023年底前开户人数达到50万。"
	PartNoticePage2 = "二、推进学分转换。开放大学、社区大学和老年大学之间的课程学分可以按照规定相互转换，学分转换办法另行制定。" +
		"三、加强组织保障。各区县教育局要明确专人负责，将学分银行建设纳入年度工作考核。\n杭州市教育局\n2023年3月1日"
	// PartNotice is the notice, its pages split by a form feed.
	PartNotice = PartNoticeHead + PartNoticePage1 + "\f" + PartNoticePage2
)

// PartNoticeScan is the scan of the first page of PartNotice.
var PartNoticeScan = strings.NewReplacer("。", "。\n", "学分", "学汾").Replace(PartNoticeHead + PartNoticePage1)

// SaveText stores t as the text of the original sha and records its hash,
// as an extraction does: the services read a stored text only as
// recorded (ingest.VerifiedTexts).
func (e *Env) SaveText(sha string, t *ingest.StoredText) (catalog.TextHash, error) {
	ctx := context.Background()
	h, err := ingest.SaveText(ctx, e.Blobs, sha, t)
	if err != nil {
		return h, err
	}
	return h, e.Catalog.RecordTextHash(ctx, sha, h)
}

// AlterText changes a document's stored text in the store as a tool or a
// hand would, leaving it valid JSON and its recorded hash as it was: the
// first from in it becomes to. It fails the test when the text holds no
// from, so that a test of a damaged text never runs on an intact one.
func (e *Env) AlterText(t testing.TB, sha, from, to string) {
	t.Helper()
	ctx := context.Background()
	key := catalog.TextKey(sha)
	rc, err := e.Blobs.Get(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		t.Fatal(err)
	}
	changed := bytes.Replace(stored, []byte(from), []byte(to), 1)
	if bytes.Equal(changed, stored) {
		t.Fatalf("the stored text holds no %q", from)
	}
	if err := e.Blobs.Put(ctx, key, bytes.NewReader(changed), int64(len(changed)), "application/json"); err != nil {
		t.Fatal(err)
	}
}
