import Testing

/// One test at a time, across suites, among those that make or count the shipped lessons'
/// labelled containers: a README example's `lesson quit` counts the containers labelled
/// `sockshell.lesson=create-then-start`, and would count the ones a learner in LessonTests had
/// just created in parallel (suites run concurrently; `.serialized` orders one suite only).
struct LessonContainersGate: TestTrait, SuiteTrait, TestScoping {
    var isRecursive: Bool { true }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        // A suite's own scope holds no test: only each test case takes the gate (it is not
        // re-entrant, so the suite holding it would shut its tests out).
        guard testCase != nil else { return try await function() }
        await Self.gate.enter()
        do {
            try await function()
        } catch {
            await Self.gate.leave()
            throw error
        }
        await Self.gate.leave()
    }

    private static let gate = Gate()

    /// An async mutex: waiters resume in order as the holder leaves.
    private actor Gate {
        private var held = false
        private var waiting: [CheckedContinuation<Void, Never>] = []

        func enter() async {
            guard held else {
                held = true
                return
            }
            await withCheckedContinuation { waiting.append($0) }
        }

        func leave() {
            if waiting.isEmpty { held = false } else { waiting.removeFirst().resume() }
        }
    }
}

extension Trait where Self == LessonContainersGate {
    /// See `LessonContainersGate`.
    static var lessonContainers: Self { LessonContainersGate() }
}
