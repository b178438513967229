// Package catalog holds the domain of the evidence archive in plain types
// (Document, User, Event, City …), the application error type, and the
// catalog store: the SQLite database that, with the blob store, is the
// source of truth. Every other package imports catalog; catalog imports
// none of them.
package catalog
