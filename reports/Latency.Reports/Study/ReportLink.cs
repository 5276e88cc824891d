namespace Latency.Reports.Study;

/// <summary>A link of a <see cref="ReportLinks"/> list.</summary>
/// <param name="Text">What the reader sees.</param>
/// <param name="Href">Where it goes, usually a path relative to the document, so a copied folder keeps working.</param>
public sealed record ReportLink(string Text, string Href);
