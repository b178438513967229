// Package scopetest holds the test that the JSON API and the web UI give
// the same answer to the same request under the city scope rule
// (catalog/scope.go), for every role. It has no code of its own.
package scopetest
