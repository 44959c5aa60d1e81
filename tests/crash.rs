//! Crash safety: the CLI is killed with SIGKILL at random moments while it
//! writes, and every write it reported committed must be there afterwards,
//! with no half-written form and an intact file. `bansou bench crash --trials
//! N` runs more trials on demand.

use std::path::Path;

#[cfg(unix)]
#[test]
fn kill_9_during_writes_loses_nothing_that_was_reported_committed() {
    let exe = Path::new(env!("CARGO_BIN_EXE_bansou"));
    let mut lines = Vec::new();
    let r = bansou::bench::crash(exe, 20, &mut |l| lines.push(l.to_owned())).unwrap();
    assert_eq!(r.trials, 20);
    // Every trial saw the writer report commits before it was killed: a
    // trial without any would prove nothing (a slow machine, a writer that
    // did not start).
    assert_eq!(r.empty, 0, "{lines:#?}");
    assert!(
        r.per_trial.iter().all(|&n| n >= 1) && r.committed >= 20,
        "the writer wrote too little to test: {r:?}"
    );
    assert_eq!((r.lost, r.half_written, r.corrupt), (0, 0, 0), "{lines:#?}");
}

/// The check itself must be able to fail: a "writer" that claims a commit it
/// never made is caught in every trial.
#[cfg(unix)]
#[test]
fn a_write_reported_but_not_made_is_counted_as_lost() {
    let dir = tempfile::tempdir().unwrap();
    let liar = dir.path().join("liar.sh");
    std::fs::write(
        &liar,
        "#!/bin/sh\necho ready\necho committed meeting 424242\nexec sleep 5\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&liar, std::fs::Permissions::from_mode(0o755)).unwrap();
    let r = bansou::bench::crash(&liar, 3, &mut |_| {}).unwrap();
    assert_eq!((r.committed, r.lost), (3, 3));
}
