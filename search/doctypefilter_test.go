package search

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// A document type in the filter is read as an upload and the document
// list read it (probe s55): its Chinese name (工作总结) finds what its code
// finds, and a type that does not exist (通知) is refused naming the types,
// as an unknown city or indicator is, not answered with an empty page that
// reads as "no such documents".
func TestTheDocTypeFilterReadsNamesAndRefusesUnknownTypes(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}

	byCode, err := svc.Search(ctx, Request{Query: "学分银行", User: admin, DocTypes: []string{"work_summary"}})
	if err != nil || byCode.Total == 0 {
		t.Fatalf("filtered by work_summary: %+v, %v; want hits", byCode, err)
	}
	byName, err := svc.Search(ctx, Request{Query: "学分银行", User: admin, DocTypes: []string{"工作总结"}})
	if err != nil || byName.Total != byCode.Total {
		t.Errorf("filtered by 工作总结: %v hits, %v; want %d as by work_summary", total(byName), err, byCode.Total)
	}
	_, err = svc.Search(ctx, Request{Query: "学分银行", User: admin, DocTypes: []string{"work_summary", "通知"}})
	var ce *catalog.Error
	if !errors.As(err, &ce) || ce.Code != catalog.EINVALID || ce.Field != "doc_type" || !strings.Contains(ce.Message, "通知") {
		t.Errorf("filtered by 通知: %v; want EINVALID on doc_type naming 通知", err)
	}
	if _, err := svc.ExportXLSX(ctx, Request{Query: "学分银行", User: admin, DocTypes: []string{"通知"}}, "http://x", false); catalog.ErrorCode(err) != catalog.EINVALID {
		t.Errorf("export filtered by 通知: %v; want EINVALID", err)
	}
}

func total(r *Result) any {
	if r == nil {
		return nil
	}
	return r.Total
}
