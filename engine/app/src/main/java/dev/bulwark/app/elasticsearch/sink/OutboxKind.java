package dev.bulwark.app.elasticsearch.sink;

/** What an outbox row stands for. */
enum OutboxKind {
  INCIDENT,
  ACTION,
  AUDIT
}
