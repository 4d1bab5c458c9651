-- trailhive query iam-changes
SELECT event_time, event_name, principal_arn, user_name, target_user, target_role, target_group, policy_arn, source_ip, aws_region, account_id, error_code, event_id
FROM (
  SELECT
    eventtime AS event_time,
    eventname AS event_name,
    useridentity.arn AS principal_arn,
    useridentity.username AS user_name,
    get_json_object(requestparameters, '$.userName') AS target_user,
    get_json_object(requestparameters, '$.roleName') AS target_role,
    get_json_object(requestparameters, '$.groupName') AS target_group,
    get_json_object(requestparameters, '$.policyArn') AS policy_arn,
    sourceipaddress AS source_ip,
    awsregion AS aws_region,
    recipientaccountid AS account_id,
    errorcode AS error_code,
    eventid AS event_id
  FROM cloudtrail
  WHERE eventsource = 'iam.amazonaws.com'
    AND eventname IN ('CreateUser', 'DeleteUser', 'UpdateUser', 'CreateGroup', 'DeleteGroup', 'AddUserToGroup',
      'RemoveUserFromGroup', 'CreateRole', 'DeleteRole', 'UpdateRole', 'UpdateAssumeRolePolicy', 'CreateAccessKey',
      'UpdateAccessKey', 'DeleteAccessKey', 'CreateLoginProfile', 'UpdateLoginProfile', 'DeleteLoginProfile',
      'EnableMFADevice', 'DeactivateMFADevice', 'DeleteVirtualMFADevice', 'CreatePolicy', 'DeletePolicy',
      'CreatePolicyVersion', 'DeletePolicyVersion', 'SetDefaultPolicyVersion', 'AttachUserPolicy', 'DetachUserPolicy',
      'PutUserPolicy', 'DeleteUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy', 'PutGroupPolicy',
      'DeleteGroupPolicy', 'AttachRolePolicy', 'DetachRolePolicy', 'PutRolePolicy', 'DeleteRolePolicy',
      'PutUserPermissionsBoundary', 'PutRolePermissionsBoundary')
) changes
ORDER BY event_time, event_id;
