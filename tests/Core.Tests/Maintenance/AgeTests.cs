using Fetch.Build.Core.Maintenance;

namespace Fetch.Build.Core.Tests.Maintenance;

public sealed class AgeTests
{
    [TestCase("30d", 30 * 24 * 3600L)]
    [TestCase("12h", 12 * 3600L)]
    [TestCase("45m", 45 * 60L)]
    [TestCase("2w", 14 * 24 * 3600L)]
    [TestCase("90s", 90L)]
    [TestCase("1D", 24 * 3600L)]
    public void Parse_AgesAsUsersWriteThem_AreSpans(string text, long seconds) => Assert.That(Age.Parse(text), Is.EqualTo(TimeSpan.FromSeconds(seconds)));

    [TestCase("30")]
    [TestCase("d")]
    [TestCase("30y")]
    [TestCase("-1d")]
    [TestCase("1.5d")]
    [TestCase("99999999999999999w")]
    public void Parse_NotAnAge_IsNull(string text) => Assert.That(Age.Parse(text), Is.Null);
}
