namespace Fetch.Build.Core.Diagnostics;

/// <summary>
/// Where one download stands: reported every few seconds once its bytes flow, and once more when
/// it ends (<see cref="Finished"/>). <see cref="Text"/> is the line a console shows.
/// </summary>
internal sealed record ProgressReport(string MaskedUrl, long Done, long? Total, double BytesPerSecond, bool Finished, string Text);
