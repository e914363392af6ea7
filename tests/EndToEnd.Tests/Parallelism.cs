// Every test builds consumers in temp folders of its own, with its own loopback server and cache:
// they can run side by side. Most of a real build's time is process start-up, restore and
// compiler waits rather than this machine's two cores, so three at once keep the suite well
// inside its time budget. Each test gets a fixture instance of its own, so that the per-test
// server and cache fields of ConsumerBuildFixture are never shared.
[assembly: Parallelizable(ParallelScope.All)]
[assembly: FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
[assembly: LevelOfParallelism(3)]
