// Run by the mongodb-init Job (mongosh --nodb). Idempotent: initiates rs0 only if it is not yet initiated, creates
// each service's user or resets its password to the one in its Secret.
const members = ['mongodb-0.mongodb-headless:27017', 'mongodb-1.mongodb-headless:27017',
  'mongodb-2.mongodb-headless:27017'];
const admin = encodeURIComponent(process.env.MONGODB_ADMIN_USERNAME);
const adminPassword = encodeURIComponent(process.env.MONGODB_ADMIN_PASSWORD);

function connectWithRetry(uri) {
  for (let attempt = 1; ; attempt++) {
    try {
      return connect(uri);
    } catch (e) {
      if (attempt >= 60) throw e;
      print(`waiting for ${uri.replace(/\/\/[^@]*@/, '//')}: ${e.message}`);
      sleep(5000);
    }
  }
}

// mongodb-0 holds the root user from its first start; initiate there.
const first = connectWithRetry(`mongodb://${admin}:${adminPassword}@${members[0]}/admin?directConnection=true`);
let initiated = true;
try {
  first.adminCommand({ replSetGetStatus: 1 });
} catch (e) {
  if (e.codeName !== 'NotYetInitialized') throw e;
  initiated = false;
}
if (!initiated) {
  print('initiating replica set rs0');
  first.adminCommand({ replSetInitiate: { _id: 'rs0', members: members.map((host, i) => ({ _id: i, host })) } });
}
for (let i = 0; !first.adminCommand({ hello: 1 }).isWritablePrimary && !first.adminCommand({ hello: 1 }).primary; i++) {
  if (i > 120) throw new Error('no primary after 10 minutes');
  sleep(5000);
}

const rs = connectWithRetry(`mongodb://${admin}:${adminPassword}@${members.join(',')}/admin?replicaSet=rs0`);
const services = [
  { user: 'application-service', db: 'satupintu-applications', password: process.env.APPLICATION_SERVICE_PASSWORD },
  { user: 'document-service', db: 'satupintu-documents', password: process.env.DOCUMENT_SERVICE_PASSWORD },
  { user: 'notification-service', db: 'satupintu-notifications', password: process.env.NOTIFICATION_SERVICE_PASSWORD },
];
for (const s of services) {
  if (!s.password) throw new Error(`no password for ${s.user}`);
  const database = rs.getSiblingDB(s.db);
  const roles = [{ role: 'readWrite', db: s.db }];
  if (database.getUser(s.user)) {
    database.updateUser(s.user, { pwd: s.password, roles });
    print(`updated user ${s.user} on ${s.db}`);
  } else {
    database.createUser({ user: s.user, pwd: s.password, roles });
    print(`created user ${s.user} on ${s.db}`);
  }
}
print('replica set rs0 ready');
