-- trailhive query console-sign-ins-without-mfa
SELECT event_time, principal_arn, user_name, user_type, source_ip, user_agent, mfa_used, aws_region, account_id, event_id
FROM (
  SELECT
    eventtime AS event_time,
    useridentity.arn AS principal_arn,
    useridentity.username AS user_name,
    useridentity.type AS user_type,
    sourceipaddress AS source_ip,
    useragent AS user_agent,
    get_json_object(additionaleventdata, '$.MFAUsed') AS mfa_used,
    get_json_object(responseelements, '$.ConsoleLogin') AS outcome,
    awsregion AS aws_region,
    recipientaccountid AS account_id,
    eventid AS event_id
  FROM cloudtrail
  WHERE eventname = 'ConsoleLogin'
) sign_ins
WHERE outcome = 'Success'
  AND (mfa_used IS NULL OR mfa_used <> 'Yes')
ORDER BY event_time, event_id;
