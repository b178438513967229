// Package web is the archive's user interface: server-rendered HTML pages
// (html/template, embedded assets, a little plain JavaScript for uploads)
// in Chinese with an English switch, calling the same Go services as the
// JSON API. Pages need a session; forms carry CSRF tokens; no page has an
// inline script or style, so the Content-Security-Policy holds.
package web
