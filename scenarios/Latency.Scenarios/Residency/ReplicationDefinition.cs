using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Residency;

/// <summary>
/// A deployment's asynchronous copy of the user data written to it (the "mirrored back" case): a share of the bytes
/// users send it is later sent on to another deployment, and so rests in that one's jurisdiction too.
/// </summary>
/// <param name="From">The deployment users write to.</param>
/// <param name="To">The deployment that receives the copy.</param>
/// <param name="Fraction">The share of written bytes copied, from 0 (exclusive) to 1; 1 when the file gives none.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record ReplicationDefinition(string From, string To, double Fraction, SourceLocation? Location = null);
