package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestDropALinkFromARoundNamesTheRound: DELETE /api/v1/links/{id}?round=
// with a short or unknown round is refused on the field round, and the
// link stays; an empty one is the current round (2018), where this 2017
// link does not count, never every round.
func TestDropALinkFromARoundNamesTheRound(t *testing.T) {
	e := newEnv(t)
	doc := e.upload(cityA, "学习卡.txt", "杭州市发放市民终身学习卡。")
	link := e.linkFor(doc, 0)
	resp, body := e.do(e.request("DELETE", "/api/v1/links/"+link+"?round=", nil), "coordA")
	if er, _ := body["error"].(map[string]any); resp.StatusCode != http.StatusConflict || !strings.Contains(fmt.Sprint(er["message"]), "不计入 2018年度") {
		t.Errorf("DELETE ?round= (the current round): %d %v, want 409 不计入 2018年度", resp.StatusCode, body)
	}
	for _, q := range []string{"18", "1999"} {
		resp, body := e.do(e.request("DELETE", "/api/v1/links/"+link+"?round="+q, nil), "coordA")
		er, _ := body["error"].(map[string]any)
		if resp.StatusCode != http.StatusBadRequest || er["field"] != "round" {
			t.Errorf("DELETE ?round=%s: %d %v, want 400 on round", q, resp.StatusCode, body)
		}
	}
	if n := e.roundCount("2017"); n != 1 {
		t.Errorf("the link after the refused drops: %v documents in 2017, want 1", n)
	}
}
