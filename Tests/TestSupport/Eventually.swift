import Foundation

/// Polls `condition` every 10 ms for at most `timeout` seconds, for a state no event announces
/// (a process group, a terminal mode). A last look comes after the deadline: a thread descheduled
/// past it must not miss a change that happened.
public func eventually(timeout: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
        if condition() { return true }
        if Date() >= deadline { return false }
        usleep(10_000)
    }
}
