using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Tasks.Tests;

/// <summary>
/// The bridge to MSBuild's task progress API, against an engine shaped as that API is proposed
/// (EngineServices.CreateTaskProgressReporter; no shipped MSBuild has it yet, so the real one cannot be used here).
/// </summary>
public sealed class EngineProgressTests
{
    private const string Url = "https://example.org/files/data.bin";

    [Test]
    public void For_EngineWithoutTheApi_IsNull()
    {
        Assert.That(EngineProgress.For(null), Is.Null);
        Assert.That(EngineProgress.For(new object()), Is.Null);
    }

    [Test]
    public void Report_ADownload_IsOneOperationInBytes_UpdatedThenCompleted()
    {
        var engine = new FakeServices();
        var progress = EngineProgress.For(engine)!;

        progress.Report(Report(50_000, 100_000, finished: false));
        progress.Report(Report(80_000, 100_000, finished: false));
        progress.Report(Report(100_000, 100_000, finished: true));

        var operation = engine.Created.Single();
        Assert.That((operation.Title, operation.Unit), Is.EqualTo(("Fetch.Build data.bin", FakeUnit.Bytes)));
        Assert.That(operation.Updates.Select(u => (u.Completed, u.Total)), Is.EqualTo(new (long, long?)[] { (50_000, 100_000), (80_000, 100_000) }));
        Assert.That((operation.Completed, operation.Disposed), Is.EqualTo((true, true)));
    }

    [Test]
    public void Report_DownloadThatEndsShort_IsAbandonedNotCompleted()
    {
        var engine = new FakeServices();
        var progress = EngineProgress.For(engine)!;

        progress.Report(Report(50_000, 100_000, finished: false));
        progress.Report(Report(50_000, 100_000, finished: true));

        Assert.That((engine.Created.Single().Completed, engine.Created.Single().Disposed), Is.EqualTo((false, true)));
    }

    [Test]
    public void Report_ReporterThatThrows_SwitchesProgressOffAndNeverThrows()
    {
        var engine = new FakeServices { Throw = true };
        var progress = EngineProgress.For(engine)!;

        Assert.DoesNotThrow(() => progress.Report(Report(1, 2, finished: false)));
        Assert.DoesNotThrow(() => progress.Report(Report(2, 2, finished: false)));
        Assert.That(engine.Created, Has.Count.EqualTo(1));
    }

    private static ProgressReport Report(long done, long total, bool finished) => new(Url, done, total, 0, finished, "text");
}

public enum FakeUnit
{
    Unspecified,
    Items,
    Bytes,
}

public readonly struct FakeUpdate
{
    public FakeUpdate(long completed, long? total = null, string? status = null)
    {
        Completed = completed;
        Total = total;
        Status = status;
    }

    public long Completed { get; }

    public long? Total { get; }

    public string? Status { get; }
}

public interface IFakeReporter : IProgress<FakeUpdate>, IDisposable
{
    void Complete(string? summary = null);
}

public sealed class FakeServices
{
    public List<FakeReporter> Created { get; } = [];

    public bool Throw { get; set; }

    public IFakeReporter CreateTaskProgressReporter(string title, FakeUnit unit = FakeUnit.Unspecified)
    {
        var reporter = new FakeReporter(title, unit, Throw);
        Created.Add(reporter);
        return reporter;
    }
}

public sealed class FakeReporter(string title, FakeUnit unit, bool fail) : IFakeReporter
{
    public string Title => title;

    public FakeUnit Unit => unit;

    public List<FakeUpdate> Updates { get; } = [];

    public bool Completed { get; private set; }

    public bool Disposed { get; private set; }

    public void Report(FakeUpdate value)
    {
        if (fail)
        {
            throw new InvalidOperationException("not this shape");
        }

        Updates.Add(value);
    }

    public void Complete(string? summary = null) => Completed = true;

    public void Dispose() => Disposed = true;
}
