"""Control history: many dated snapshots, their statistics over time, and a local store."""
