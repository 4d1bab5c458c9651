import { DescribeClusterCommand, DescribeStepCommand, ListStepsCommand, type Cluster, type EMRClient, type Step, type StepSummary } from "@aws-sdk/client-emr";

/**
 * The read-only EMR calls `status` and `logs` make, so the command line never speaks the SDK.
 *
 * @example
 *   const cluster = await describeCluster(clients.emr, "j-2AXXXXXXGAPLF");
 *   const step = await describeStep(clients.emr, "j-2AXXXXXXGAPLF", "s-1");
 */
export async function describeCluster(emr: EMRClient, clusterId: string): Promise<Cluster | undefined> {
  return (await emr.send(new DescribeClusterCommand({ ClusterId: clusterId }))).Cluster;
}

export async function describeStep(emr: EMRClient, clusterId: string, stepId: string): Promise<Step | undefined> {
  return (await emr.send(new DescribeStepCommand({ ClusterId: clusterId, StepId: stepId }))).Step;
}

/** The cluster's steps as ListSteps returns them: newest first, its first page. */
export async function listSteps(emr: EMRClient, clusterId: string): Promise<StepSummary[]> {
  return (await emr.send(new ListStepsCommand({ ClusterId: clusterId }))).Steps ?? [];
}
