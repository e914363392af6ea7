using System.Text.Json;
using Fetch.Build.Core.Http;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Http;

/// <summary>The resume sidecar: read and written by hand, in the JSON shape earlier versions wrote with JsonSerializer.</summary>
public sealed class ResumeStateTests
{
    private TempDirectory _folder = null!;

    private string Partial => Path.Combine(_folder.Path, "x.partial");

    [SetUp]
    public void SetUp() => _folder = new TempDirectory();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public void Load_SidecarWrittenByTheEarlierSerializer_ResumesFromIt()
    {
        // What JsonSerializer.SerializeToUtf8Bytes(state) wrote before: a partial left by an older
        // Fetch.Build must still resume after an upgrade.
        var earlier = new ResumeState("key", "\"etag\"", 1000, 400);
        File.WriteAllBytes(Partial + ".meta", JsonSerializer.SerializeToUtf8Bytes(earlier));

        Assert.That(ResumeState.Load(Partial, "key"), Is.EqualTo(earlier));
    }

    [Test]
    public void Save_ThenLoad_RoundTripsEveryField_AndTheEarlierSerializerReadsIt()
    {
        var state = new ResumeState("key", "W/\"v1\"", null, 123);

        state.Save(Partial);

        Assert.That(ResumeState.Load(Partial, "key"), Is.EqualTo(state));
        Assert.That(JsonSerializer.Deserialize<ResumeState>(File.ReadAllBytes(Partial + ".meta")), Is.EqualTo(state),
            "an older Fetch.Build sharing the cache reads the sidecar too");
    }

    [TestCase("")]
    [TestCase("not json")]
    [TestCase("[1, 2]")]
    [TestCase("{\"Source\": \"key\"}")]
    [TestCase("{\"Source\": \"key\", \"Validator\": \"\\\"e\\\"\", \"Total\": \"ten\"}")]
    [TestCase("{\"Source\": \"key\", \"Validator\": \"\\\"e\\\"\", \"Total\": 1e40}")]
    public void Load_UnusableSidecar_IsNone(string text)
    {
        File.WriteAllText(Partial + ".meta", text);

        Assert.That(ResumeState.Load(Partial, "key"), Is.Null);
    }

    [Test]
    public void Load_AnotherSourcesSidecar_IsNone()
    {
        new ResumeState("other", "\"e\"", 10, null).Save(Partial);

        Assert.That(ResumeState.Load(Partial, "key"), Is.Null);
    }
}
