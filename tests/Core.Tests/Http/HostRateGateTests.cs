using Fetch.Build.Core.Http;

namespace Fetch.Build.Core.Tests.Http;

public sealed class HostRateGateTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void BlockedUntil_HostNeverBlocked_Null()
    {
        Assert.That(new HostRateGate().BlockedUntil("example.org:443"), Is.Null);
    }

    [Test]
    public void Block_EarlierAfterLater_KeepsTheLater()
    {
        var gate = new HostRateGate();

        gate.Block("example.org:443", Now.AddSeconds(60));
        gate.Block("EXAMPLE.org:443", Now.AddSeconds(10));

        Assert.That(gate.BlockedUntil("example.org:443"), Is.EqualTo(Now.AddSeconds(60)));
    }

    [Test]
    public void HostKey_SameHostOtherPortOrName_DifferentBudgets()
    {
        var keys = new[] { "http://127.0.0.1:5000/a", "http://127.0.0.1:5001/a", "http://localhost:5000/a", "http://127.0.0.1:5000/b?x=1" }
            .Select(url => HostRateGate.HostKey(new Uri(url)))
            .ToList();

        Assert.That(keys.Distinct().Count(), Is.EqualTo(3));
        Assert.That(keys[3], Is.EqualTo(keys[0]));
    }
}
