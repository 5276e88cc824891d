using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Studies;

/// <summary>
/// A workload role other than <c>service</c> and the deployment that plays it in every session (e.g. a login
/// service that stays in Beijing while the app's API moves).
/// </summary>
/// <param name="Role">The role named by workload requests.</param>
/// <param name="Deployment">The deployment it is served from, whichever deployment is under test.</param>
/// <param name="Location">Where the mapping was written.</param>
public sealed record StudyRole(string Role, string Deployment, SourceLocation? Location = null);
