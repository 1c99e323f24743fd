import Testing

@testable import SockshellIO

struct BackgroundJobListingTests {
    func listing(started: UInt64, ended: UInt64?) -> BackgroundJobs.Listing {
        BackgroundJobs.Listing(
            number: 1, requestLine: "GET /events", receivedBytes: 217, startedNanoseconds: started,
            finished: ended == nil ? nil : "200 OK", endedNanoseconds: ended)
    }

    @Test func aRunningJobsAgeGrows() {
        #expect(listing(started: 1_000, ended: nil).age(now: 5_000) == 4_000)
        #expect(listing(started: 1_000, ended: nil).age(now: 9_000) == 8_000)
    }

    /// `jobs` showed an age that kept growing after the job had ended.
    @Test func anEndedJobsAgeStopsWhenItEnded() {
        #expect(listing(started: 1_000, ended: 3_000).age(now: 5_000) == 2_000)
        #expect(listing(started: 1_000, ended: 3_000).age(now: 90_000) == 2_000)
    }
}
